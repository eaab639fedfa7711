using System.Text.Json;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;

namespace Concord.IntegrationTests.Incidents;

/// <summary><c>concord case request ask|queue|ack|accept|decline|progress|close|show|list</c> on the node's own store.</summary>
public class RequestCliTests
{
    [Fact]
    public async Task Request_AskedAnsweredAndListed_OnTheCommandLine()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Lagoon", "Harbour");
        var open = await CliRunner.RunAsync(node, "case", "open", "Phishing at the port", "--org", "Lagoon", "--category", "fraud:phishing");
        Assert.True(open.ExitCode == 0, open.ToString());
        var caseId = open.Out.Trim();

        var ask = await CliRunner.RunAsync(node, "case", "request", "ask", caseId, "Please block the sender's relay.", "--org", "Lagoon", "--kind", "block", "--to", "Harbour", "--urgency", "high", "--norm", "h");
        Assert.True(ask.ExitCode == 0, ask.ToString());
        var id = ask.Out.Trim().Split(' ')[0];
        Assert.Contains("Lagoon -> Harbour", ask.Out, StringComparison.Ordinal);

        var badNorm = await CliRunner.RunAsync(node, "case", "request", "ask", caseId, "x", "--org", "Lagoon", "--kind", "block", "--to", "Harbour", "--norm", "q");
        var queue = await CliRunner.RunAsync(node, "case", "request", "queue", "--org", "Harbour");
        var byRequester = await CliRunner.RunAsync(node, "case", "request", "ack", id, "--org", "Lagoon");
        var ack = await CliRunner.RunAsync(node, "case", "request", "ack", id, "--org", "Harbour");
        var noReason = await CliRunner.RunAsync(node, "case", "request", "decline", id, " ", "--org", "Harbour");
        var accept = await CliRunner.RunAsync(node, "case", "request", "accept", id, "--org", "Harbour");
        var progress = await CliRunner.RunAsync(node, "case", "request", "progress", id, "Relay blocked at the edge.", "--org", "Harbour");
        var close = await CliRunner.RunAsync(node, "case", "request", "close", id, "Blocked.", "--org", "Harbour");
        var show = await CliRunner.RunAsync(node, "case", "request", "show", id, "--org", "Lagoon");
        var list = await CliRunner.RunAsync(node, "case", "request", "list", caseId, "--org", "Lagoon", "--json");

        foreach (var run in new[] { queue, ack, accept, progress, close, show, list })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        Assert.Equal(1, badNorm.ExitCode);
        Assert.Contains("norm:", badNorm.Error, StringComparison.Ordinal);
        Assert.Contains(id, queue.Out, StringComparison.Ordinal);
        Assert.Equal(1, byRequester.ExitCode);
        Assert.Equal(1, noReason.ExitCode);
        Assert.Contains("reason:", noReason.Error, StringComparison.Ordinal);
        Assert.Contains("closed", close.Out, StringComparison.Ordinal);
        var view = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal("closed", view.GetProperty("status").GetString());
        Assert.Equal("Relay blocked at the edge.", view.GetProperty("events")[3].GetProperty("text").GetString());
        Assert.Single(JsonDocument.Parse(list.Out).RootElement.EnumerateArray());
    }
}
