using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

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
            if (string.IsNullOrWhiteSpace(accessId)) throw new ArgumentException("The access id is empty.", nameof(accessId));
            if (accessKey == null || accessKey.Length == 0) throw new ArgumentException("The access key is empty.", nameof(accessKey));
            AccessId = accessId.Trim();
            key = accessKey.Copy();
            key.MakeReadOnly();
        }

        /// <summary>The access id (not secret: it is sent in every request).</summary>
        public string AccessId { get; }

        /// <summary>Runs <paramref name="use"/> with the key's UTF-8 bytes and wipes them afterwards.</summary>
        internal T UseKey<T>(Func<byte[], T> use)
        {
            var chars = new char[key.Length];
            byte[]? bytes = null;
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(key);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                bytes = Encoding.UTF8.GetBytes(chars);
                return use(bytes);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
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
