using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using RenderbusPS.Emulator.Store;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>
    /// The thumbnails loadingFrameThumbnail points to: small PNG images made in memory (a colour gradient that depends
    /// on the seed and the frame), served by GET under <see cref="Prefix"/> outside the signed API, as the service's
    /// image host does. Only a finished frame has one; anything else under the prefix is an HTTP 404.
    /// </summary>
    internal static class EmuThumbnails
    {
        public const string Prefix = "/thumbnails/";
        public const int Width = 96;
        public const int Height = 54;

        public static bool Handles(string method, string path)
            => string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)
                && path.StartsWith(Prefix, StringComparison.Ordinal);

        public static EmuReply Serve(EmuStore store, string path)
        {
            var rest = path.Substring(Prefix.Length);
            var slash = rest.IndexOf('/');
            var idText = slash < 0 ? rest : rest.Substring(0, slash);
            if (!long.TryParse(
                idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                out var id))
                return EmuReply.Raw(404, "text/plain", Encoding.UTF8.GetBytes("no such thumbnail"));
            lock (store.Sync)
            {
                store.Tick();
                var found = store.FindFrame(id);
                if (found == null || found.Value.Frame.Status != RbFrameStatus.Finished)
                    return EmuReply.Raw(404, "text/plain", Encoding.UTF8.GetBytes("no such thumbnail"));
                return EmuReply.Raw(
                    200, "image/png", Png(EmuFarm.Mix(store.SeedValue, id, found.Value.Frame.Recommit, 11)));
            }
        }

        /// <summary>A real PNG: signature, IHDR, one zlib-compressed IDAT of 8-bit RGB rows, IEND.</summary>
        internal static byte[] Png(long mix)
        {
            var r0 = (byte)(mix & 0xFF);
            var g0 = (byte)((mix >> 8) & 0xFF);
            var b0 = (byte)((mix >> 16) & 0xFF);
            var raw = new byte[Height * (1 + Width * 3)];
            var i = 0;
            for (var y = 0; y < Height; y++)
            {
                raw[i++] = 0;
                for (var x = 0; x < Width; x++)
                {
                    raw[i++] = (byte)(r0 + x * 2);
                    raw[i++] = (byte)(g0 + y * 3);
                    raw[i++] = (byte)(b0 + (x + y));
                }
            }
            using var png = new MemoryStream();
            png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 0, 8);
            var ihdr = new byte[13];
            BigEndian(ihdr, 0, Width);
            BigEndian(ihdr, 4, Height);
            ihdr[8] = 8;
            ihdr[9] = 2;
            Chunk(png, "IHDR", ihdr);
            Chunk(png, "IDAT", Zlib(raw));
            Chunk(png, "IEND", Array.Empty<byte>());
            return png.ToArray();
        }

        private static byte[] Zlib(byte[] data)
        {
            using var ms = new MemoryStream();
            ms.WriteByte(0x78);
            ms.WriteByte(0x9C);
            using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data,
                0, data.Length);
            uint a = 1, b = 0;
            foreach (var d in data)
            {
                a = (a + d) % 65521;
                b = (b + a) % 65521;
            }
            var adler = new byte[4];
            BigEndian(adler, 0, (int)((b << 16) | a));
            ms.Write(adler, 0, 4);
            return ms.ToArray();
        }

        private static void Chunk(Stream s, string type, byte[] data)
        {
            var len = new byte[4];
            BigEndian(len, 0, data.Length);
            s.Write(len, 0, 4);
            var typeBytes = Encoding.ASCII.GetBytes(type);
            s.Write(typeBytes, 0, 4);
            s.Write(data, 0, data.Length);
            var crc = Crc32(typeBytes, data);
            var crcBytes = new byte[4];
            BigEndian(crcBytes, 0, (int)crc);
            s.Write(crcBytes, 0, 4);
        }

        private static uint Crc32(byte[] type, byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            void Feed(byte[] bytes)
            {
                foreach (var v in bytes)
                {
                    crc ^= v;
                    for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }
            Feed(type);
            Feed(data);
            return crc ^ 0xFFFFFFFFu;
        }

        private static void BigEndian(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
