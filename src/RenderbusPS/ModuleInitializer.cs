using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RenderbusPS
{
    /// <summary>
    /// Import checks the host: PowerShell 7.0 to 7.3 run on .NET 3.1 to 7, whose System.Text.Json is older than the
    /// 8.0 the module needs and is loaded first, so they are refused at import with a message naming 7.4.
    /// Windows PowerShell 5.1 (.NET Framework) has no binding redirects for a module's dependencies, and
    /// System.Text.Json's own dependencies ask for versions that differ from each other. On .NET Framework only,
    /// an assembly the module folder holds is resolved from there whatever version is asked for. No I/O at import.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(
            typeof(ModuleInitializer).Assembly.Location) ?? ".";
        private static readonly bool IsNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(
            ".NET Framework", StringComparison.Ordinal);

        public void OnImport()
        {
            var refusal = Core.RbHost.Refusal(IsNetFramework, Environment.Version);
            if (refusal != null) throw new PlatformNotSupportedException(refusal);
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(ModuleDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
