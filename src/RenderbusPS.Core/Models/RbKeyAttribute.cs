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
    /// Says which kind of thing a property's value identifies.
    /// <para>
    /// THE PIPELINE RULE. Whatever RenderbusPS object is piped in, a task cmdlet acts on the task it belongs to and a frame
    /// cmdlet on that frame (or the frames of a piped task); an object is never bound by an id that only shares a name
    /// with another kind's id. So: <c>Id</c> on an output type means a task id and nothing else (only <see cref="RbTask"/>
    /// has it); every other kind names its id after itself (<c>FrameId</c>, <c>SoftwareId</c>). Every model property that
    /// identifies something carries this attribute, and so does every cmdlet parameter that takes pipeline input by property
    /// name. PowerShell binds a property of the parameter's own name before it tries the aliases; the module's contract
    /// tests model that binder and fail when any output type could bind a property of one kind to a parameter of another.
    /// </para>
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    internal sealed class RbKeyAttribute : Attribute
    {
        public RbKeyAttribute(RbKind kind) => Kind = kind;

        public RbKind Kind { get; }
    }
}
