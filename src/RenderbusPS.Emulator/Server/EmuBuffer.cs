using System;
using System.Buffers;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>
    /// A growing byte buffer rented from the shared pool, for the JSON of an answer: a page of 100 tasks is about 250
    /// KB, and a fresh array of that size per request would land on the large object heap. <see cref="Release"/> gives
    /// the array back (once; the buffer is empty afterwards).
    /// </summary>
    internal sealed class EmuBuffer : IBufferWriter<byte>
    {
        private byte[] array;
        private int length;

        public EmuBuffer(int capacity) => array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

        /// <summary>The array that holds the bytes written (the first <see cref="Length"/> of them).</summary>
        public byte[] Array => array;
        public int Length => length;
        public ReadOnlySpan<byte> Written => new ReadOnlySpan<byte>(array, 0, length);

        public void Advance(int count)
        {
            if (count < 0 || length + count > array.Length) throw new ArgumentOutOfRangeException(nameof(count));
            length += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return new Memory<byte>(array, length, array.Length - length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return new Span<byte>(array, length, array.Length - length);
        }

        private void Reserve(int sizeHint)
        {
            var need = Math.Max(sizeHint, 1);
            if (array.Length - length >= need) return;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(array.Length * 2, length + need));
            Buffer.BlockCopy(array, 0, bigger, 0, length);
            Return();
            array = bigger;
        }

        public void Release()
        {
            Return();
            array = System.Array.Empty<byte>();
            length = 0;
        }

        private void Return()
        {
            if (array.Length > 0) ArrayPool<byte>.Shared.Return(array);
        }
    }
}
