using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace RenderbusPS
{
    /// <summary>
    /// Lets -Node take hashtables (<c>@{ Node = '/out/mantra1'; Frames = '1-20' }</c>) and [pscustomobject]s alike,
    /// one or several. It never fails binding: Core reads each item and reports a bad one as Rb.InvalidHoudiniNode,
    /// a clearer error than PowerShell's conversion message.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RbHoudiniNodeAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = Unwrap(inputData);
            var items = value is IEnumerable list && !(value is IDictionary) && !(value is string)
                ? list.Cast<object?>() : new[] { value };
            return items.Select(Unwrap).ToArray();
        }

        /// <summary>The value inside a PSObject; a [pscustomobject] as a hashtable of its properties.</summary>
        private static object? Unwrap(object? value)
        {
            if (!(value is PSObject ps)) return value;
            if (!(ps.BaseObject is PSCustomObject)) return ps.BaseObject;
            var table = new Hashtable();
            foreach (var p in ps.Properties) table[p.Name] = p.Value;
            return table;
        }
    }

    /// <summary>
    /// A scene path as given to Submit-RbScene -Path: PowerShell makes it from a string (piped or typed), and only
    /// from a string, so a piped object of another kind is never read as a path.
    /// </summary>
    public sealed class RbScenePath
    {
        public RbScenePath(string path) => Text = path ?? "";

        /// <summary>The path as given.</summary>
        public string Text { get; }

        public override string ToString() => Text;
    }
}
