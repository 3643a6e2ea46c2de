using System;

namespace RenderbusPS.Core.Models
{
    /// <summary>The kinds of thing an id or name can identify.</summary>
    internal enum RbKind
    {
        Task,
        Frame,
        Software,
        RenderEnv,
        Platform,
        User,
        /// <summary>An analysis or render error code (Get-RbErrorDetail).</summary>
        ErrorCode,
        /// <summary>A project (the service also calls it a label): <c>ProjectId</c> and its name.</summary>
        Project,
        /// <summary>A plugin version of a software (<c>PluginId</c>).</summary>
        Plugin,
    }

    /// <summary>
    /// Says which kind of thing a property's value identifies, so that a piped object binds only to a parameter of its
    /// own kind (CONTRIBUTING.md, "The pipeline rule"; the module's contract tests enforce it).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    internal sealed class RbKeyAttribute : Attribute
    {
        public RbKeyAttribute(RbKind kind) => Kind = kind;

        public RbKind Kind { get; }

        /// <summary>
        /// True on a parameter that names the owner of the items a cmdlet reads (a frame's task for Get-RbFrameLog):
        /// it binds only from a piped item's own owner id, never by value, and is not an id to act on.
        /// </summary>
        public bool Owner { get; set; }
    }
}
