using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core.Models;

namespace RenderbusPS
{
    /// <summary>
    /// Lets -Node take hashtables (<c>@{ Node = '/out/mantra1'; Frames = '1-20' }</c>) as well as
    /// <see cref="RbHoudiniNode"/>s. It never fails binding: a bad item becomes a node whose Problem Core reports as
    /// Rb.InvalidHoudiniNode, a clearer error than PowerShell's conversion message.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RbHoudiniNodeAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = Unwrap(inputData);
            var items = value is IEnumerable list && !(value is IDictionary) && !(value is string)
                ? list.Cast<object?>() : new[] { value };
            return items.Select(i => RbHoudiniNode.From(Unwrap(i))).ToArray();
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
}
