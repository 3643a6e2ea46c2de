using System;
using System.Globalization;
using System.Management.Automation;

namespace RenderbusPS
{
    /// <summary>
    /// Lets a TimeSpan parameter take a plain number as seconds (<c>-PollInterval 10</c>, <c>-Timeout 0.5</c>), as
    /// Wait-Job and Invoke-WebRequest users expect; PowerShell alone would read "10" as ten days. TimeSpans and
    /// "hh:mm:ss" text pass through unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RbSecondsAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(
                    s, NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var seconds): return TimeSpan.FromSeconds(seconds);
                default: return inputData;
            }
        }
    }
}
