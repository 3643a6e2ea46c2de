using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Benchmarks.Harness;

/// <summary>
/// One PowerShell process running one of the scripts in Scripts/: its output read line by line, a line sent to it on
/// request, and its whole process tree killed when it is disposed, times out, or the run is cancelled.
/// A script reports with one line <c>RB-RESULT {json}</c>.
/// </summary>
internal sealed class PwshChild : IDisposable
{
    private static readonly ConcurrentDictionary<PwshChild, byte> Live = new();
    private readonly BlockingCollection<string> lines = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> recent = new();

    public PwshChild(
        string pwsh, string script, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // the PowerShell .NET tool is a pwsh.dll that dotnet runs
        var viaDotnet = pwsh.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(viaDotnet ? "dotnet" : pwsh)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (viaDotnet) start.ArgumentList.Add(pwsh);
        foreach (
            var a in new[] { "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File",
            script }.Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        Name = Path.GetFileName(script);
        Process = new Process { StartInfo = start };
        Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null)
            {
                lines.CompleteAdding();
                return;
            }
            lines.Add(e.Data);
            Keep(recent, e.Data);
        };
        Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null) Keep(errors, e.Data);
        };
        Live[this] = 0;
        Process.Start();
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public string Name { get; }
    public Process Process { get; }

    private static void Keep(ConcurrentQueue<string> queue, string line)
    {
        queue.Enqueue(line);
        while (queue.Count > 40 && queue.TryDequeue(out _)) { }
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/> and returns the rest of it.</summary>
    public string WaitFor(string prefix, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            foreach (var line in lines.GetConsumingEnumerable(limit.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line.Substring(prefix.Length).Trim();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{Name} said nothing starting with '{prefix}' within {timeout.TotalSeconds:0} s.{Tail()}");
        }
        Process.WaitForExit(5000);
        var code = Process.HasExited ? Process.ExitCode.ToString() : "?";
        throw new InvalidOperationException($"{Name} ended (exit code {code}) before it said '{prefix}'.{Tail()}");
    }

    /// <summary>The script's result line, parsed.</summary>
    public JsonElement Result(TimeSpan timeout, CancellationToken ct)
    {
        var json = WaitFor("RB-RESULT ", timeout, ct);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public void Send(string line)
    {
        Process.StandardInput.WriteLine(line);
        Process.StandardInput.Flush();
    }

    /// <summary>Lets the script finish (it has reported); kills it if it does not end soon.</summary>
    public void Finish(TimeSpan grace)
    {
        if (!Process.WaitForExit((int)grace.TotalMilliseconds)) Kill();
    }

    private string Tail()
    {
        var err = string.Join(Environment.NewLine, errors);
        var output = string.Join(Environment.NewLine, recent);
        return (err.Length > 0 ? Environment.NewLine + "stderr: " + err : "") + (
            output.Length > 0 ? Environment.NewLine + "last output: " + output : "");
    }

    private void Kill()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // it ended meanwhile
        }
    }

    public void Dispose()
    {
        Kill();
        Live.TryRemove(this, out _);
        // the line queue is left to the collector: the output reader may still add its last line
        Process.Dispose();
    }

    /// <summary>Kills every child still running (Ctrl+C, the end of the run).</summary>
    public static void KillAll()
    {
        foreach (var child in Live.Keys) child.Kill();
    }
}
