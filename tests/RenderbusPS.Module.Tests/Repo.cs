namespace RenderbusPS.Module.Tests;

internal static class Repo
{
    /// <summary>The repository root (where RenderbusPS.sln is).</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RenderbusPS.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException(
            "RenderbusPS.sln not found above " + AppContext.BaseDirectory);
    }

    public static string ModuleDll => Path.Combine(AppContext.BaseDirectory, "RenderbusPS.dll");
    public static string FixtureDll => Path.Combine(AppContext.BaseDirectory, "RenderbusPS.Module.Tests.Fixture.dll");
}
