using System;

namespace RenderbusPS.Core.Signing
{
    /// <summary>The one rule for which fields of an answer are secrets (keys, passwords): they are only ever kept as
    /// SecureStrings.</summary>
    internal static class RbSecrets
    {
        /// <summary>userKey, raySyncUserKey, accessKey, and any name ending in Key, Password or Secret (any
        /// case).</summary>
        public static bool IsSecretField(string name)
            => name.EndsWith("key", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("password", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("secret", StringComparison.OrdinalIgnoreCase);
    }
}
