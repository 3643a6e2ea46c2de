using System.Collections.Generic;

namespace RenderbusPS.Core
{
    /// <summary>
    /// The error codes of API 2.0 (seed 004, appendix A): envelope, credential and field checks. They never collide
    /// with the REST codes, so <see cref="RbCodes.NameOf"/> names both and errors read <c>Rb.&lt;Name&gt;</c>.
    /// </summary>
    internal static class RbApi2Codes
    {
        public const int JsonEmpty = 1001;
        public const int JsonInvalid = 1002;
        public const int ContentTypeUnsupported = 1004;
        public const int JsonTooLong = 1005;
        public const int HeadMissing = 1006;
        public const int BodyMissing = 1007;
        /// <summary>The document says "access_key be disabled"; a wrong key gets it too (there is no other
        /// code).</summary>
        public const int AccessKeyRefused = 1010;
        public const int AccountNotFound = 1012;
        public const int AccountDisabled = 1013;
        public const int FieldEmpty = 1020;
        public const int FieldNotNumber = 1021;
        public const int FieldValueIllegal = 1022;
        public const int FieldTooLong = 1023;
        public const int FieldIllegalCharacters = 1024;

        /// <summary>Largest request the service takes (200 K bytes).</summary>
        public const int MaxRequestBytes = 200 * 1024;

        internal static readonly IReadOnlyDictionary<int, string> Names = new Dictionary<int, string>
        {
            [1001] = "JsonEmpty", [1002] = "JsonInvalid", [1004] = "ContentTypeUnsupported", [1005] = "JsonTooLong",
            [1006] = "HeadMissing", [1007] = "BodyMissing", [1010] = "AccessKeyRefused", [1012] = "AccountNotFound",
            [1013] = "AccountDisabled", [1020] = "FieldEmpty", [1021] = "FieldNotNumber", [1022] = "FieldValueIllegal",
            [1023] = "FieldTooLong", [1024] = "FieldIllegalCharacters",
        };

        /// <summary>True for a code that refuses the account or its key.</summary>
        public static bool RefusesCredential(int code)
            => code == AccessKeyRefused || code == AccountNotFound || code == AccountDisabled;
    }
}
