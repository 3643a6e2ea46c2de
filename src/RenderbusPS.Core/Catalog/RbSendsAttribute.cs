using System;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>
    /// Names the catalog operations (by <see cref="RbOperation.Name"/>) a Core method sends or a cmdlet reaches. The coverage
    /// tests walk the catalog with it: every operation of the Tasks, Frames and Submit areas needs a Core method, an emulator
    /// route and a cmdlet that name it, and every name given here must be in the catalog.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
    public sealed class RbSendsAttribute : Attribute
    {
        public RbSendsAttribute(params string[] operations) => Operations = operations ?? Array.Empty<string>();

        public string[] Operations { get; }
    }
}
