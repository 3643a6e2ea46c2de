using System.Collections.Generic;

namespace RenderbusPS.Core
{
    /// <summary>Envelope codes of the Renderbus API and their stable names.</summary>
    public static class RbCodes
    {
        public const int Success = 200;
        public const int Fail = 100;
        public const int ApiError = 400;
        public const int ResourceNotFound = 404;
        public const int InternalError = 500;
        public const int ParameterInvalid = 600;
        public const int ParameterCantBeEmpty = 601;
        public const int IllegalProtocol = 603;
        public const int UserAreaError = 608;
        public const int SignatureExpired = 610;
        public const int SignatureInvalid = 611;

        private static readonly Dictionary<int, string> names = new Dictionary<int, string>
        {
            [200] = "Success", [100] = "Fail", [301] = "NeedRedirect", [400] = "ApiError", [403] = "Forbidden",
            [404] = "ResourceNotFound", [500] = "InternalError", [600] = "ParameterInvalid",
                [601] = "ParameterCantBeEmpty",
            [602] = "NeedUserLogin", [603] = "IllegalProtocol", [604] = "ValidateCodeError",
                [605] = "InsufficientPermissions",
            [606] = "ValidateCommonCodeError", [607] = "ValidateSendCodeError", [608] = "UserAreaError",
            [610] = "SignatureExpired", [611] = "SignatureInvalid", [700] = "NoMoreRecord",
                [20004] = "JsonUploadFailed",
        };

        /// <summary>The stable name of a code; account and billing codes (800–920) are AccountError, others
        /// CodeNNN.</summary>
        public static string NameOf(int code)
        {
            if (names.TryGetValue(code, out var n)) return n;
            if (RbApi2Codes.Names.TryGetValue(code, out n)) return n;
            if (code >= 800 && code <= 920) return "AccountError" + code;
            return "Code" + code;
        }
    }
}
