using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Concord.IntegrationTests.Host;

/// <summary>
/// The <c>concord</c> executable in its own process, as an operator runs it: from the build output beside the tests
/// (laid out like a published one), in a directory of its own, configured by environment variables and options. A
/// served node can be killed as <c>kill -9</c> does (<see cref="Kill"/>: no shutdown, no flush).
/// </summary>
internal sealed partial class ConcordProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConcordProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The address from the banner, once <see cref="ServeAsync"/> has seen it.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Everything it printed so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>concord serve</c> and waits (up to two minutes) for its banner and a ready answer there.</summary>
    public static async Task<ConcordProcess> ServeAsync(string directory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var node = new ConcordProcess(Start(directory, ["serve", .. args], environment));
        node.Capture();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        Match running;
        while (!(running = Running().Match(node.Output)).Success)
        {
            Assert.False(node._process.HasExited, $"concord ended early:\n{node.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"no banner within two minutes:\n{node.Output}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        node.Url = running.Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(node.Url) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        return node;
    }

    /// <summary>Runs one CLI command to its end; returns its exit code and what it printed on each stream.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string directory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Start(directory, args, environment);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Kills the process at once (SIGKILL): nothing it had not committed survives.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Process Start(string directory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "concord.exe" : "concord"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The executable finds the runtime the tests run on; nothing of the developer's environment decides the address.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("Concord__Urls");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"Concord is running at (https?://\S+?)(?: —|\s|$)")]
    private static partial Regex Running();
}
