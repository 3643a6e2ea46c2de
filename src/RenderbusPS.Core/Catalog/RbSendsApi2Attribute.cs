using System;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>
    /// Names the API 2.0 actions a Core method (or cmdlet) sends, as <see cref="RbSendsAttribute"/> does for REST: the
    /// API 2.0 coverage test walks <see cref="RbApi2Catalog.All"/> with it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
    internal sealed class RbSendsApi2Attribute : Attribute
    {
        public RbSendsApi2Attribute(params string[] actions) => Actions = actions ?? Array.Empty<string>();

        /// <summary>The actions' wire names (<c>query_task</c>).</summary>
        public string[] Actions { get; }
    }
}
