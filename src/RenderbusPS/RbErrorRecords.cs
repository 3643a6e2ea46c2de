using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;

namespace RenderbusPS
{
    /// <summary>Maps Core exceptions to ErrorRecords: a stable FullyQualifiedErrorId, a fitting category, what to
    /// do.</summary>
    internal static class RbErrorRecords
    {
        public static ErrorRecord ToRecord(Exception error, object? target)
        {
            string id;
            ErrorCategory category;
            string? action = null;
            switch (error)
            {
                case RbApiException api:
                    id = "Rb." + api.CodeName;
                    category = CategoryOf(api.Code);
                    action = api.RecommendedAction;
                    break;
                case RbValidationException invalid:
                    id = invalid.ErrorId;
                    category = invalid.ErrorId == "Rb.NoSession" || invalid.ErrorId == "Rb.SessionClosed"
                        || invalid.ErrorId == "Rb.NotInPathSet" || invalid.ErrorId == "Rb.NotInProtocol"
                            || invalid.ErrorId == "Rb.Fail" ? ErrorCategory.InvalidOperation
                        : invalid.ErrorId == "Rb.WaitTimeout" ? ErrorCategory.OperationTimeout
                        : invalid.ErrorId.EndsWith("NotFound", StringComparison.Ordinal) ? ErrorCategory.ObjectNotFound
                        : ErrorCategory.InvalidArgument;
                    action = invalid.RecommendedAction;
                    target ??= invalid.Target;
                    break;
                case RbOutcomeUnknownException unknown:
                    id = "Rb.OutcomeUnknown";
                    category = ErrorCategory.ConnectionError;
                    action = unknown.RecommendedAction;
                    break;
                case RbTransportException transport when transport.IsTimeout:
                    id = "Rb.Timeout";
                    category = ErrorCategory.OperationTimeout;
                    action = "Retry, or connect with a larger -TimeoutSec.";
                    break;
                case RbTransportException _:
                    id = "Rb.TransportError";
                    category = ErrorCategory.ConnectionError;
                    action = "Check the network, the proxy and the -Domain given to Connect-Renderbus, then retry.";
                    break;
                case RbProtocolException _:
                    id = "Rb.ProtocolError";
                    category = ErrorCategory.ProtocolError;
                    action = "Check that -Domain names a Renderbus API host; retry later if the service is being updated.";
                    break;
                default:
                    id = "Rb.UnexpectedError";
                    category = ErrorCategory.NotSpecified;
                    break;
            }
            var record = new ErrorRecord(error, id, category, target);
            if (action != null) record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = action };
            return record;
        }

        private static ErrorCategory CategoryOf(int code) => code switch
        {
            RbCodes.SignatureInvalid or RbCodes.SignatureExpired or 602 => ErrorCategory.AuthenticationError,
            403 or 605 => ErrorCategory.PermissionDenied,
            RbCodes.ResourceNotFound => ErrorCategory.ObjectNotFound,
            RbCodes.ParameterInvalid or RbCodes.ParameterCantBeEmpty => ErrorCategory.InvalidArgument,
            RbCodes.IllegalProtocol => ErrorCategory.ProtocolError,
            RbCodes.InternalError => ErrorCategory.ResourceUnavailable,
            RbCodes.UserAreaError or RbCodes.Fail => ErrorCategory.InvalidOperation,
            _ when code >= 800 && code <= 920 => ErrorCategory.QuotaExceeded,
            _ when RbApi2Codes.RefusesCredential(code) => ErrorCategory.AuthenticationError,
            _ when code >= RbApi2Codes.FieldEmpty && code <= RbApi2Codes.FieldIllegalCharacters
                => ErrorCategory.InvalidArgument,
            _ when code >= RbApi2Codes.JsonEmpty && code <= RbApi2Codes.BodyMissing => ErrorCategory.ProtocolError,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
