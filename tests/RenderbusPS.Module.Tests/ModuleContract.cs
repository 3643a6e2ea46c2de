using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RenderbusPS.Module.Tests;

/// <summary>One binding of a parameter in one parameter set.</summary>
public sealed record ParameterBinding(string SetName, bool Mandatory, int Position, bool ByValue, bool ByPropertyName);

public sealed record CmdletParameter(string Name, string TypeName, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterBinding> Bindings, bool IsSwitch)
{
    public bool BindsByPropertyName => Bindings.Any(b => b.ByPropertyName);
}

public sealed record CmdletContract(string Verb, string Noun, string TypeName, bool SupportsShouldProcess, bool SupportsPaging,
    IReadOnlyList<string> OutputTypes, IReadOnlyList<CmdletParameter> Parameters)
{
    public string Name => Verb + "-" + Noun;
}

/// <summary>
/// Reads a cmdlet assembly without loading it (MetadataLoadContext, resolving System.Management.Automation from the
/// PowerShellStandard reference) and lists every way it breaks the module's PowerShell contract.
/// </summary>
public sealed class ModuleContract : IDisposable
{
    /// <summary>Verbs that change state and so need SupportsShouldProcess (Connect only makes a local session).</summary>
    public static readonly string[] StateChangingVerbs =
    {
        "Add", "Clear", "Copy", "Disable", "Disconnect", "Enable", "Install", "Invoke", "Move", "New", "Publish", "Register", "Remove",
        "Rename", "Reset", "Restart", "Resume", "Send", "Set", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Update",
    };

    private readonly MetadataLoadContext context;

    public ModuleContract(string assemblyPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var sma = Path.Combine(AppContext.BaseDirectory, "psref", "System.Management.Automation.dll");
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(dir, "*.dll").Where(p => !Path.GetFileName(p).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase)))
            .Append(sma);
        context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        var smaAssembly = context.LoadFromAssemblyPath(sma);
        ApprovedVerbs = new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsOther", "VerbsSecurity" }
            .SelectMany(c => smaAssembly.GetType("System.Management.Automation." + c)!.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Cmdlets = Assembly.GetTypes().Where(t => !t.IsAbstract && Attr(t, "CmdletAttribute") != null).Select(Read).OrderBy(c => c.Name).ToList();
    }

    public Assembly Assembly { get; }
    public IReadOnlySet<string> ApprovedVerbs { get; }
    public IReadOnlyList<CmdletContract> Cmdlets { get; }

    public CmdletContract this[string name] => Cmdlets.Single(c => c.Name == name);

    /// <summary>A type of the inspected assembly or of the assemblies beside it.</summary>
    public Type? FindType(string fullName)
        => context.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t != null)
           ?? Directory.GetFiles(Path.GetDirectoryName(Assembly.Location)!, "RenderbusPS*.dll").Select(p => TryLoad(p)?.GetType(fullName)).FirstOrDefault(t => t != null);

    private Assembly? TryLoad(string path)
    {
        try { return context.LoadFromAssemblyPath(path); } catch (FileLoadException) { return context.GetAssemblies().FirstOrDefault(a => a.Location == path); }
    }

    private static CustomAttributeData? Attr(MemberInfo m, string name) => m.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    private static T Named<T>(CustomAttributeData a, string name, T fallback)
    {
        foreach (var arg in a.NamedArguments)
        {
            if (arg.MemberName == name) return (T)arg.TypedValue.Value!;
        }
        return fallback;
    }

    private static CmdletContract Read(Type t)
    {
        var cmdlet = Attr(t, "CmdletAttribute")!;
        var outputs = t.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> list ? list.Select(x => x.Value) : new[] { arg.Value })
            .Select(v => v is Type type ? type.FullName! : v?.ToString() ?? "")
            .ToList();
        var parameters = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute"))
            .Select(p => new CmdletParameter(
                p.Name,
                p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition().Name.StartsWith("Nullable") ? p.PropertyType.GetGenericArguments()[0].FullName! : p.PropertyType.FullName!,
                p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "AliasAttribute")
                    .SelectMany(a => ((ReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(x => (string)x.Value!)).ToList(),
                p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").Select(a => new ParameterBinding(
                    Named(a, "ParameterSetName", "__AllParameterSets"), Named(a, "Mandatory", false), Named(a, "Position", int.MinValue),
                    Named(a, "ValueFromPipeline", false), Named(a, "ValueFromPipelineByPropertyName", false))).ToList(),
                p.PropertyType.Name == "SwitchParameter"))
            .ToList();
        return new CmdletContract((string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!, t.FullName!,
            Named(cmdlet, "SupportsShouldProcess", false), Named(cmdlet, "SupportsPaging", false), outputs, parameters);
    }

    /// <summary>Every break of the house rules, one line each; empty when the assembly keeps them.</summary>
    public IReadOnlyList<string> Violations()
    {
        var found = new List<string>();
        foreach (var c in Cmdlets)
        {
            if (!ApprovedVerbs.Contains(c.Verb)) found.Add($"{c.Name}: '{c.Verb}' is not an approved verb");
            if (StateChangingVerbs.Contains(c.Verb) && !c.SupportsShouldProcess) found.Add($"{c.Name}: changes state but lacks SupportsShouldProcess");
            if (c.OutputTypes.Count == 0) found.Add($"{c.Name}: has no OutputType");
        }
        return found;
    }

    /// <summary>
    /// Breaks of "binds from <paramref name="inputTypeName"/>.<paramref name="property"/> by property name", as PowerShell's
    /// binder decides it: a pipeline-by-property-name parameter takes the input property of its own name when the input has
    /// one, and only otherwise the first of its aliases the input has; the element type must match.
    /// </summary>
    public IReadOnlyList<string> BindingViolations(string cmdletName, string inputTypeName, string property)
    {
        var c = this[cmdletName];
        var input = FindType(inputTypeName);
        if (input == null) return new[] { $"{inputTypeName} is not in the module's assemblies" };
        var prop = input.GetProperty(property);
        if (prop == null) return new[] { $"{inputTypeName} has no property {property}" };
        var named = c.Parameters.Where(x => x.Name == property || x.Aliases.Contains(property)).ToList();
        if (named.Count == 0) return new[] { $"{cmdletName}: no parameter named or aliased {property}" };
        var problems = new List<string>();
        foreach (var p in named)
        {
            if (!p.BindsByPropertyName) { problems.Add($"{cmdletName}: -{p.Name} does not take {property} from the pipeline by property name"); continue; }
            var takes = input.GetProperty(p.Name) != null ? p.Name : p.Aliases.FirstOrDefault(a => input.GetProperty(a) != null);
            if (takes != property) { problems.Add($"{cmdletName}: -{p.Name} takes {inputTypeName}.{takes} from the pipeline, not {property}"); continue; }
            var element = p.TypeName.TrimEnd('[', ']');
            if (element != prop.PropertyType.FullName) problems.Add($"{cmdletName}: -{p.Name} is {p.TypeName}, which {inputTypeName}.{property} ({prop.PropertyType.FullName}) does not bind to");
            else return Array.Empty<string>();
        }
        return problems;
    }

    public void Dispose() => context.Dispose();
}
