using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Signing
{
    /// <summary>
    /// An access id with its key. The key is kept as a read-only SecureString and turned into bytes only for
    /// the length of one signature; it is never returned, printed or serialized.
    /// </summary>
    public sealed class RbCredential : IDisposable
    {
        private readonly SecureString key;

        public RbCredential(string accessId, SecureString accessKey)
        {
            if (string.IsNullOrWhiteSpace(accessId)) throw new ArgumentException(
                "The access id is empty.", nameof(accessId));
            if (accessKey == null || accessKey.Length == 0) throw new ArgumentException(
                "The access key is empty.", nameof(accessKey));
            AccessId = accessId.Trim();
            key = accessKey.Copy();
            key.MakeReadOnly();
        }

        /// <summary>The access id (not secret: it is sent in every request).</summary>
        public string AccessId { get; }

        [ThreadStatic] private static char[]? keyChars;
        [ThreadStatic] private static byte[]? keyBytes;

        /// <summary>
        /// HMAC-SHA256 of <paramref name="message"/> under the key, into <paramref name="mac"/> (32 bytes). The key's
        /// UTF-8 bytes exist only for the length of the call, in this thread's scratch buffers, and are wiped before it
        /// returns.
        /// </summary>
        internal void Mac(ReadOnlySpan<byte> message, Span<byte> mac)
        {
            var length = key.Length;
            var chars = keyChars != null && keyChars.Length >= length ? keyChars : keyChars = new char[length];
            var bytes = keyBytes != null && keyBytes.Length >= length * 3 ? keyBytes : keyBytes = new byte[length * 3];
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(key);
                Marshal.Copy(ptr, chars, 0, length);
                var byteCount = Encoding.UTF8.GetBytes(chars, 0, length, bytes, 0);
                RbSigner.Mac(new ReadOnlySpan<byte>(bytes, 0, byteCount), message, mac);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, length);
                Array.Clear(bytes, 0, length * 3);
            }
        }

        /// <summary>
        /// Writes the key as the JSON string member <paramref name="name"/> (API 2.0 sends it in the body): its
        /// characters
        /// exist only for the call, in this thread's scratch buffer, wiped before it returns.
        /// </summary>
        internal void WriteKey(System.Text.Json.Utf8JsonWriter writer, string name)
        {
            var length = key.Length;
            var chars = keyChars != null && keyChars.Length >= length ? keyChars : keyChars = new char[length];
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(key);
                Marshal.Copy(ptr, chars, 0, length);
                writer.WriteString(name, new ReadOnlySpan<char>(chars, 0, length));
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, length);
            }
        }

        /// <summary>Environment variable holding the access id (the official client's name).</summary>
        public const string IdVariable = "RAYVISION_API_ACCESS_ID";

        /// <summary>Environment variable holding the access key.</summary>
        public const string KeyVariable = "RAYVISION_API_KEY";

        /// <summary>
        /// The credential in <see cref="IdVariable"/> and <see cref="KeyVariable"/> (for scheduled scripts and jobs);
        /// <c>Rb.NoCredential</c> when either is missing. The key text is copied into a SecureString at once.
        /// </summary>
        public static RbCredential FromEnvironment()
        {
            var id = Environment.GetEnvironmentVariable(IdVariable);
            var key = Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(key))
                throw new RbValidationException("Rb.NoCredential",
                    $"No credential was given and the environment variables {IdVariable} and {KeyVariable} are not both set.", "Credential",
                    "Pass -Credential (user name = access id, password = access key), or -AccessId with -AccessKey, or set both variables.");
            using var secure = ToSecureString(key!);
            return Create(id!, secure);
        }

        /// <summary>Environment variable holding API 2.0's account name.</summary>
        public const string Api2AccountVariable = "RENDERBUS_API2_ACCOUNT";

        /// <summary>Environment variable holding API 2.0's access key.</summary>
        public const string Api2KeyVariable = "RENDERBUS_API2_KEY";

        /// <summary>
        /// API 2.0's account and key from <see cref="Api2AccountVariable"/> and <see cref="Api2KeyVariable"/> (the
        /// account stands where REST's access id does); <c>Rb.NoCredential</c> when either is missing.
        /// </summary>
        public static RbCredential FromApi2Environment()
        {
            var account = Environment.GetEnvironmentVariable(Api2AccountVariable);
            var key = Environment.GetEnvironmentVariable(Api2KeyVariable);
            if (string.IsNullOrWhiteSpace(account) || string.IsNullOrEmpty(key))
                throw new RbValidationException("Rb.NoCredential",
                    $"No credential was given and the environment variables {Api2AccountVariable} and "
                        + $"{Api2KeyVariable} are not both set.",
                    "Credential", "Pass -Credential (user name = account, password = access key), or -Account with "
                        + "-AccessKey, "
                    + "or set both variables.");
            using var secure = ToSecureString(key!);
            return Create(account!, secure);
        }

        /// <summary>Makes a credential; <c>Rb.InvalidCredential</c> for an empty id or key.</summary>
        public static RbCredential Create(string accessId, SecureString accessKey)
        {
            try
            {
                return new RbCredential(accessId, accessKey);
            }
            catch (ArgumentException ex)
            {
                throw new RbValidationException("Rb.InvalidCredential", ex.Message, ex.ParamName ?? "Credential",
                    "Give a non-empty access id and access key (Renderbus web console > User center > API).");
            }
        }

        /// <summary>Makes a SecureString from plain text (for keys read from the environment).</summary>
        public static SecureString ToSecureString(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        public void Dispose() => key.Dispose();

        public override string ToString() => "RbCredential " + AccessId;
    }
}
