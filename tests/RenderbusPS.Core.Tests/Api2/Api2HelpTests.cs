namespace RenderbusPS.Core.Tests;

/// <summary>Scripts catch API 2.0's refusals by id: every code's Rb.&lt;Name&gt; is explained in
/// about_RenderbusPS.</summary>
public class Api2HelpTests
{
    [Fact]
    public void The_about_topic_lists_the_id_of_every_API_2_error_code()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RenderbusPS.sln"))) dir = dir.Parent;
        var about = File.ReadAllText(Path.Combine(dir!.FullName, "en-US", "about_RenderbusPS.help.txt"));
        Assert.Equal(14, RbApi2Codes.Names.Count);
        foreach (var (code, name) in RbApi2Codes.Names)
        {
            Assert.Equal(name, RbCodes.NameOf(code));
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape($"Rb.{name} ({code}") , about);
        }
    }
}
