using System;
using System.Collections.Generic;

namespace RenderbusPS.Core
{
    /// <summary>Which exceptions are Core's own, raised on purpose (service, transport, protocol, bad input).</summary>
    internal static class RbErrorKinds
    {
        public static bool IsCoreError(Exception error)
            => error is RbApiException || error is RbTransportException || error is RbProtocolException
               || error is RbValidationException || error is RbOutcomeUnknownException;
    }

    /// <summary>The service answered with an envelope whose code is not 200.</summary>
    public class RbApiException : Exception
    {
        public RbApiException(int code, string? apiMessage, string path, string? requestId)
            : base(Describe(code, apiMessage, path, requestId))
        {
            Code = code;
            CodeName = RbCodes.NameOf(code);
            ApiMessage = apiMessage ?? string.Empty;
            Path = path;
            RequestId = requestId;
        }

        public int Code { get; }
        public string CodeName { get; }
        public string ApiMessage { get; }
        public string Path { get; }
        public string? RequestId { get; }

        /// <summary>The service's clock in the answer, when it sent one (a 610 brings it).</summary>
        public DateTimeOffset? ServerTime { get; internal set; }

        /// <summary>
        /// True when an earlier attempt of the same call failed in a way that may have acted (the answer was lost): a
        /// refusal then may mean "already done", which the bulk sender checks.
        /// </summary>
        public bool AfterLostAnswer { get; internal set; }

        /// <summary>What the user can do about it.</summary>
        public string RecommendedAction => Code switch
        {
            RbCodes.SignatureInvalid =>
                "Check the access id and access key (Renderbus web console > User center > API); reconnect with Connect-Renderbus.",
            RbCodes.SignatureExpired =>
                "The clock of this machine is more than five minutes off the service's: correct the system time and retry.",
            RbCodes.UserAreaError =>
                "This account belongs to the other zone: connect with -Domain task.renderbus.com (China) or jop.foxrenderfarm.com (overseas).",
            RbCodes.ParameterInvalid or RbCodes.ParameterCantBeEmpty =>
                "Correct the value the message names and retry.",
            RbCodes.ResourceNotFound => "Check the id or name; list what exists with the matching Get-Rb* cmdlet.",
            RbCodes.InternalError => "The service failed; retry later, quoting the request id if it persists.",
            RbApi2Codes.AccessKeyRefused
                => "Check the access key Renderbus support gave for API 2.0; reconnect with Connect-Renderbus "
                    + "-Protocol Api2.",
            RbApi2Codes.AccountNotFound or RbApi2Codes.AccountDisabled
                => "Check the account name given with the key (normally the main account); ask Renderbus support "
                    + "whether API 2.0 is enabled for it.",
            >= RbApi2Codes.FieldEmpty and <= RbApi2Codes.FieldIllegalCharacters
                => "Correct the value the message names and retry.",
            >= RbApi2Codes.JsonEmpty and <= RbApi2Codes.BodyMissing
                => "The request did not reach the service as sent: check for a proxy that changes bodies; else report "
                    + "it as a RenderbusPS bug.",
            _ => "See the message; quote the request id when asking Renderbus support.",
        };

        private static string Describe(int code, string? message, string path, string? requestId)
            => $"Renderbus answered {code} ({RbCodes.NameOf(code)}) for {path}: {(string.IsNullOrEmpty(message) ? "no message" : message)}"
               + (string.IsNullOrEmpty(requestId) ? "" : $" (request id {requestId})");
    }

    /// <summary>The request did not get an answer: connection refused, DNS, TLS, timeout or an HTTP error
    /// status.</summary>
    public class RbTransportException : Exception
    {
        public RbTransportException(string message, string path, int? httpStatus = null, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
            HttpStatus = httpStatus;
        }

        public string Path { get; }
        public int? HttpStatus { get; }
        public bool IsTimeout { get; internal set; }

        /// <summary>True when the connection failed before the request went out (refused, unknown host): nothing
        /// acted.</summary>
        public bool NotSent { get; internal set; }

        /// <summary>How long the service asked the client to wait (a Retry-After header), if it did.</summary>
        public TimeSpan? RetryAfter { get; internal set; }
    }

    /// <summary>
    /// A call that acts again when repeated (createTask, submit, restarting frames) failed in a way that may have
    /// acted: the client does not send it again, and says what to check.
    /// </summary>
    public sealed class RbOutcomeUnknownException : Exception
    {
        public RbOutcomeUnknownException(string operation, string path, string check, Exception inner)
            : base($"{operation} may or may not have been carried out: {inner.Message} It was not sent again, because "
                   + "sending it twice could act twice.", inner)
        {
            Operation = operation;
            Path = path;
            RecommendedAction = check;
        }

        public string Operation { get; }
        public string Path { get; }

        /// <summary>What to look at before repeating the call by hand.</summary>
        public string RecommendedAction { get; }
    }

    /// <summary>The answer was not the Renderbus envelope, or broke the paging contract.</summary>
    public class RbProtocolException : Exception
    {
        public RbProtocolException(string message, string path, Exception? inner = null) : base(message, inner) =>
            Path = path;
        public string Path { get; }

        /// <summary>True when the answer was not the envelope at all (an HTML page, a cut-off body): a transient
        /// failure.</summary>
        public bool NotEnvelope { get; internal set; }
    }

    /// <summary>Input the client refused before sending anything (unknown software, bad version, …).</summary>
    public class RbValidationException : ArgumentException
    {
        public RbValidationException(
            string errorId, string message, string paramName, string recommendedAction, object? target = null)
            : base(message, paramName)
        {
            ErrorId = errorId;
            RecommendedAction = recommendedAction;
            Target = target;
        }

        /// <summary>Stable id, e.g. <c>Rb.UnknownSoftware</c>.</summary>
        public string ErrorId { get; }
        public string RecommendedAction { get; }
        public object? Target { get; }
    }
}
