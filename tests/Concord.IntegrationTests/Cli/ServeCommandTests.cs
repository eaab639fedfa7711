using System.Net;
using System.Text.RegularExpressions;
using Concord.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace Concord.IntegrationTests.Cli;

public partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_FirstStartWithTheDemo_PrintsWhereToLogInAndServes()
    {
        var (exit, output) = await ServeUntilReadyAsync(demo: true, async url =>
        {
            using var client = new HttpClient { BaseAddress = url };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        });

        Assert.Equal(0, exit);
        Assert.Matches(@"Concord is running at http://127\.0\.0\.1:\d+ — log in as admin with one-time password \S+", output);
        Assert.Contains("Demo alliance created: 8 fictional organisations, 24 users", output, StringComparison.Ordinal);
        Assert.Matches("Demo users share the password Demo-[A-Za-z0-9]{6}-[A-Za-z0-9]{6}-7", output);
    }

    [Fact]
    public async Task Serve_WithNoDemo_StillCreatesTheNodeAdminButNoAlliance()
    {
        var (exit, output) = await ServeUntilReadyAsync(demo: false, _ => Task.CompletedTask);

        Assert.Equal(0, exit);
        Assert.Contains("log in as admin with one-time password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo alliance", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_RestartOfADemoNode_SaysHowToGetDemoAccessBack()
    {
        var data = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        await ServeUntilReadyAsync(demo: true, _ => Task.CompletedTask, data);

        var (exit, output) = await ServeUntilReadyAsync(demo: true, _ => Task.CompletedTask, data);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("log in as admin with one-time password", output, StringComparison.Ordinal);
        Assert.Contains("This node holds the demo alliance", output, StringComparison.Ordinal);
        Assert.Contains("concord admin user reset-password amina.otieno@savanna-cert.example", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_RestartOfANodeWithoutTheDemo_SaysNothingAboutIt()
    {
        var data = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        await ServeUntilReadyAsync(demo: false, _ => Task.CompletedTask, data);

        var (_, output) = await ServeUntilReadyAsync(demo: false, _ => Task.CompletedTask, data);

        Assert.DoesNotContain("demo", output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs <c>concord serve</c> in-process until its banner appears, runs <paramref name="probe"/>, then stops it.</summary>
    private static async Task<(int Exit, string Output)> ServeUntilReadyAsync(bool demo, Func<Uri, Task> probe, string? dataDirectory = null)
    {
        var output = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Concord:Storage:DataDirectory"] = dataDirectory ?? Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N")),
            ["Concord:Demo:Indicators"] = "40",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var context = new CliContext
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Null,
            OpenStandardInput = () => Stream.Null,
            OpenStandardOutput = () => Stream.Null,
            Configure = c => c.AddInMemoryCollection(settings),
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        string[] args = demo ? ["serve", "--urls", "http://127.0.0.1:0"] : ["serve", "--urls", "http://127.0.0.1:0", "--no-demo"];
        var serving = ConcordCli.RunAsync(args, context, stop.Token);

        Match running;
        while (!(running = Running().Match(output.ToString())).Success)
        {
            Assert.False(serving.IsCompleted, $"serve ended early: {output}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await probe(new Uri(running.Groups[1].Value));
        await stop.CancelAsync();
        return (await serving, output.ToString());
    }

    [GeneratedRegex(@"Concord is running at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Running();
}
