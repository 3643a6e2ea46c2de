using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RenderbusPS.Module.Tests;

/// <summary>One binding of a parameter in one parameter set.</summary>
public sealed record ParameterBinding(string SetName, bool Mandatory, int Position, bool ByValue, bool ByPropertyName);

public sealed record CmdletParameter(
    string Name, string TypeName, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterBinding> Bindings,
    bool IsSwitch,
    string? Kind, Type Type, bool IsOwner = false)
{
    public bool BindsByPropertyName => Bindings.Any(b => b.ByPropertyName);
    public bool BindsByValue => Bindings.Any(b => b.ByValue);
    /// <summary>The parameter's element type (long for long[]; T for T?).</summary>
    public Type ElementType => Type.IsArray ? Type.GetElementType()! : Type;
}

public sealed record CmdletContract(
    string Verb, string Noun, string TypeName, string BaseTypeName, bool SupportsShouldProcess, bool SupportsPaging,
    IReadOnlyList<string> OutputTypes, IReadOnlyList<CmdletParameter> Parameters)
{
    public string Name => Verb + "-" + Noun;
}

/// <summary>How one pipeline object binds to one parameter: by value, or from a property (by its own name or an
/// alias).</summary>
public sealed record PipelineBinding(
    string Parameter, string? Property, bool Coerced, string? ParameterKind, string? PropertyKind)
{
    public override string ToString() => Property == null ? $"-{Parameter} by value{(Coerced ? " (coerced)" : "")}"
        : $"-{Parameter} from {Property}";
}

/// <summary>
/// Reads a cmdlet assembly without loading it (MetadataLoadContext, resolving System.Management.Automation from the
/// PowerShellStandard reference) and lists every way it breaks the module's PowerShell contract.
/// </summary>
public sealed class ModuleContract : IDisposable
{
    /// <summary>Verbs that change state and so need SupportsShouldProcess (Connect only makes a local
    /// session).</summary>
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
            .Concat(Directory.GetFiles(dir, "*.dll").Where(
                p => !Path.GetFileName(p).Equals(
                "System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase)))
            .Append(sma);
        context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        var smaAssembly = context.LoadFromAssemblyPath(sma);
        ApprovedVerbs = new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle",
            "VerbsOther", "VerbsSecurity" }
            .SelectMany(
                c => smaAssembly.GetType("System.Management.Automation." + c)!.GetFields(
                BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Cmdlets = Assembly.GetTypes().Where(t => !t.IsAbstract && Attr(t, "CmdletAttribute") != null).Select(Read)
            .OrderBy(c => c.Name).ToList();
    }

    public Assembly Assembly { get; }
    public IReadOnlySet<string> ApprovedVerbs { get; }
    public IReadOnlyList<CmdletContract> Cmdlets { get; }

    public CmdletContract this[string name] => Cmdlets.Single(c => c.Name == name);

    /// <summary>A type of the inspected assembly or of the assemblies beside it.</summary>
    public Type? FindType(string fullName)
        => context.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t != null)
           ?? Directory.GetFiles(Path.GetDirectoryName(Assembly.Location)!, "RenderbusPS*.dll")
               .Select(p => TryLoad(p)?.GetType(fullName)).FirstOrDefault(t => t != null);

    private Assembly? TryLoad(string path)
    {
        try { return context.LoadFromAssemblyPath(path); } catch (FileLoadException) { return context.GetAssemblies()
            .FirstOrDefault(a => a.Location == path); }
    }

    /// <summary>The catalog operations (by name) each cmdlet names in its [RbSends] attributes (by catalog
    /// field).</summary>
    public IReadOnlyDictionary<string, string[]> Sends()
        => Cmdlets.ToDictionary(c => c.Name, c => Assembly.GetType(c.TypeName)!.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "RbSendsAttribute")
            .SelectMany(a => (IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(v => (string)v.Value!)
            .Select(field => RenderbusPS.Core.Catalog.RbCatalog.FindByField(field)?.Name ?? field)
            .ToArray());

    private static CustomAttributeData? Attr(MemberInfo m, string name) => m.GetCustomAttributesData()
        .FirstOrDefault(a => a.AttributeType.Name == name);

    private static T Named<T>(CustomAttributeData a, string name, T fallback)
    {
        foreach (var arg in a.NamedArguments)
        {
            if (arg.MemberName == name) return (T)arg.TypedValue.Value!;
        }
        return fallback;
    }

    /// <summary>The kind an [RbKey(RbKind.X)] attribute names, or null.</summary>
    public static string? KindOf(MemberInfo member)
    {
        var key = member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "RbKeyAttribute");
        if (key == null) return null;
        var arg = key.ConstructorArguments[0];
        return arg.ArgumentType.IsEnum
            ? arg.ArgumentType.GetFields(BindingFlags.Public | BindingFlags.Static).First(
                f => Equals(f.GetRawConstantValue(), arg.Value)).Name
            : arg.Value?.ToString();
    }

    /// <summary>True for an [RbKey(..., Owner = true)]: the id of the items' owner, not of items to act on.</summary>
    public static bool IsOwnerKey(MemberInfo member)
        => member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "RbKeyAttribute") is { } key
            && Named(key, "Owner", false);

    private static Type Unwrap(Type t) => t.IsGenericType && t.GetGenericTypeDefinition().Name.StartsWith("Nullable")
        ? t.GetGenericArguments()[0] : t;

    private static CmdletContract Read(Type t)
    {
        var cmdlet = Attr(t, "CmdletAttribute")!;
        var outputs = t.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(
                arg => arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> list ? list.Select(x => x.Value)
                : new[] { arg.Value })
            .Select(v => v is Type type ? type.FullName! : v?.ToString() ?? "")
            .ToList();
        var parameters = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute"))
            .Select(p => new CmdletParameter(
                p.Name,
                p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition().Name.StartsWith("Nullable")
                    ? p.PropertyType.GetGenericArguments()[0].FullName! : p.PropertyType.FullName!,
                p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "AliasAttribute")
                    .SelectMany(
                        a => ((ReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
                        .Select(x => (string)x.Value!)).ToList(),
                p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute")
                    .Select(a => new ParameterBinding(
                    Named(a, "ParameterSetName", "__AllParameterSets"), Named(a, "Mandatory", false),
                        Named(a, "Position", int.MinValue),
                    Named(a, "ValueFromPipeline", false), Named(a, "ValueFromPipelineByPropertyName", false))).ToList(),
                p.PropertyType.Name == "SwitchParameter",
                KindOf(p),
                Unwrap(p.PropertyType),
                IsOwnerKey(p)))
            .ToList();
        var baseType = t.BaseType;
        while (baseType != null && baseType.Namespace != "RenderbusPS"
            && baseType.Name != "PSCmdlet") baseType = baseType.BaseType;
        return new CmdletContract(
            (string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!, t.FullName!,
            baseType?.Name ?? "",
            Named(cmdlet, "SupportsShouldProcess", false), Named(cmdlet, "SupportsPaging", false), outputs, parameters);
    }

    /// <summary>Every break of the house rules, one line each; empty when the assembly keeps them.</summary>
    public IReadOnlyList<string> Violations()
    {
        var found = new List<string>();
        foreach (var c in Cmdlets)
        {
            if (!ApprovedVerbs.Contains(c.Verb)) found.Add($"{c.Name}: '{c.Verb}' is not an approved verb");
            if (StateChangingVerbs.Contains(c.Verb) && !c.SupportsShouldProcess) found.Add(
                $"{c.Name}: changes state but lacks SupportsShouldProcess");
            if (c.OutputTypes.Count == 0) found.Add($"{c.Name}: has no OutputType");
            if (c.Verb == "Get" && c.SupportsShouldProcess) found.Add(
                $"{c.Name}: only reads but supports ShouldProcess");
            foreach (var p in c.Parameters.Where(p => p.BindsByPropertyName && p.Kind == null))
                found.Add($"{c.Name}: -{p.Name} takes pipeline input by property name but declares no kind ([RbKey])");
        }
        return found;
    }

    /// <summary>Every type some cmdlet declares as output.</summary>
    public IReadOnlyList<Type> OutputTypes()
        => Cmdlets.SelectMany(c => c.OutputTypes).Where(n => n != "System.Void").Distinct().Select(n => FindType(n)!)
            .Where(t => t != null).ToList();

    /// <summary>
    /// What PowerShell's parameter binder does with one pipeline object of <paramref name="input"/> type, modelled on
    /// its four passes: by value without coercion (the object is of the parameter's type), then by property name (a
    /// property of the parameter's own name before any alias, case-insensitive), then by value with coercion (only a
    /// string or object parameter takes any object), then by property name with coercion (the same properties as the
    /// second pass). Each pass binds only parameters still unbound.
    /// </summary>
    public IReadOnlyList<PipelineBinding> Bind(CmdletContract cmdlet, Type input)
    {
        var bound = new List<PipelineBinding>();
        var pipeline = cmdlet.Parameters.Where(p => p.BindsByValue || p.BindsByPropertyName).ToList();
        bool Unbound(CmdletParameter p) => bound.All(b => b.Parameter != p.Name);
        foreach (var p in pipeline.Where(p => p.BindsByValue && p.ElementType.IsAssignableFrom(input)))
            bound.Add(new PipelineBinding(p.Name, null, false, p.Kind, null));
        foreach (var p in pipeline.Where(p => p.BindsByPropertyName && Unbound(p)))
        {
            var prop = new[] { p.Name }.Concat(p.Aliases)
                .Select(n => input.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(
                    x => string.Equals(x.Name, n, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(x => x != null);
            if (prop != null) bound.Add(new PipelineBinding(p.Name, prop.Name, false, p.Kind, KindOf(prop)));
        }
        foreach (var p in pipeline.Where(p => p.BindsByValue && Unbound(p)))
        {
            var element = p.ElementType.FullName;
            if (element == "System.String" || element == "System.Object"
                || element == "System.Management.Automation.PSObject")
                bound.Add(new PipelineBinding(p.Name, null, true, p.Kind, null));
        }
        return bound;
    }

    /// <summary>
    /// Every way an output type of the module could reach a parameter of another kind through the pipeline, over every
    /// pair of (output type, cmdlet with pipeline parameters): a property bound to a parameter of another kind, a
    /// binding whose parameter or property declares no kind, or a parameter that takes any object by coercion.
    /// </summary>
    public IReadOnlyList<string> PipelineViolations()
    {
        var found = new List<string>();
        foreach (var type in OutputTypes())
        foreach (var c in Cmdlets)
        foreach (var b in Bind(c, type))
        {
            var where = $"{type.Name} | {c.Name}: {b}";
            if (b.Property == null)
            {
                if (b.Coerced) found.Add($"{where} takes any object");
                continue;
            }
            if (b.ParameterKind == null) found.Add($"{where}: -{b.Parameter} declares no kind ([RbKey])");
            else if (b.PropertyKind == null) found.Add($"{where}: {type.Name}.{b.Property} declares no kind ([RbKey])");
            else if (b.ParameterKind != b.PropertyKind) found.Add(
                $"{where}: binds a {b.PropertyKind} to a {b.ParameterKind} parameter");
        }
        return found;
    }

    public void Dispose() => context.Dispose();
}
