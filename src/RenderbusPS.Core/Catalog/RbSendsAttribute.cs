using System;
using System.Linq;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>
    /// Names the catalog operations a Core method sends or a cmdlet reaches, by their field in <see cref="RbCatalog"/>
    /// (<c>[RbSends(nameof(RbCatalog.StopTask))]</c>), so the compiler checks every name. The coverage tests walk the
    /// catalog with it: every operation needs a Core method, an emulator route and a cmdlet that name it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
    internal sealed class RbSendsAttribute : Attribute
    {
        public RbSendsAttribute(params string[] catalogFields)
            => Operations = (catalogFields ?? Array.Empty<string>()).Select(f => RbCatalog.FindByField(f)?.Name ?? f)
                .ToArray();

        /// <summary>The operations' names (<see cref="RbOperation.Name"/>).</summary>
        public string[] Operations { get; }
    }
}
