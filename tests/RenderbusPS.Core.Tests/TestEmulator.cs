using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Core.Tests;

/// <summary>Starts a real emulator on loopback and a client for it.</summary>
internal sealed class TestEmulator : IDisposable
{
    /// <summary>The farm's clock stands still unless a test gives a speed or advances it, so that state changes only
    /// when a test changes it.</summary>
    public TestEmulator(int taskCount = 250, int seed = 1, double speed = 0, int largeTaskFrames = 0)
    {
        Emulator = RbEmulator.Start(
            new RbEmulatorOptions { Seed = seed, TaskCount = taskCount, Speed = speed,
            LargeTaskFrames = largeTaskFrames });
        Client = NewClient();
    }

    public RbEmulator Emulator { get; }
    public RbClient Client { get; }

    public RbClientOptions Options(Action<RbClientOptions>? tweak = null)
    {
        var o = new RbClientOptions
        {
            Domain = Emulator.Domain,
            Platform = Emulator.Platform,
            Credential = new RbCredential(Emulator.AccessId, Emulator.AccessKey),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(20),
        };
        tweak?.Invoke(o);
        return o;
    }

    public RbClient NewClient(Action<RbClientOptions>? tweak = null) => new RbClient(Options(tweak));

    /// <summary>Options for an API 2.0 session on this emulator (its account name and access key).</summary>
    public RbClientOptions Api2Options(Action<RbClientOptions>? tweak = null) => Options(o =>
    {
        o.Protocol = RbApiProtocol.Api2;
        o.Credential = new RbCredential(Emulator.Account, Emulator.AccessKey);
        tweak?.Invoke(o);
    });

    /// <summary>The emulator's key as plain text, for tests that prove it never leaks.</summary>
    public string KeyText()
    {
        var ptr = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(Emulator.AccessKey);
        try { return System.Runtime.InteropServices.Marshal.PtrToStringUni(ptr)!; }
        finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
    }

    public void Dispose()
    {
        Client.Dispose();
        Emulator.Dispose();
    }
}

/// <summary>A per-id refusal as scripts see it: its error id and message, whether the service or the client said
/// it.</summary>
internal static class Refusal
{
    public static (string Id, string Message) Of(Exception? error) => error switch
    {
        RenderbusPS.Core.RbApiException api => ("Rb." + api.CodeName, api.ApiMessage),
        RenderbusPS.Core.RbValidationException invalid => (invalid.ErrorId, invalid.Message),
        _ => ("", error?.Message ?? ""),
    };
}
