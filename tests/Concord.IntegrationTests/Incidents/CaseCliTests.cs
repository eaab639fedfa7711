using System.Text.Json;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Cli;

namespace Concord.IntegrationTests.Incidents;

/// <summary><c>concord case open|list|show|share|comment|task|attach</c> on the node's own store.</summary>
public class CaseCliTests
{
    [Fact]
    public async Task Case_OpenShareCommentTaskAttachListAndShow_OnTheCommandLine()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Lagoon", "Harbour");
        var file = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "mail headers", TestContext.Current.CancellationToken);

        var open = await CliRunner.RunAsync(node, "case", "open", "Phishing at the port", "--org", "Lagoon", "--category", "fraud:phishing", "--severity", "high", "--country", "EE");
        Assert.True(open.ExitCode == 0, open.ToString());
        var id = open.Out.Trim();
        var share = await CliRunner.RunAsync(node, "case", "share", id, "--org", "Lagoon", "--with", "Harbour");
        var comment = await CliRunner.RunAsync(node, "case", "comment", id, "Harbour saw it too.", "--org", "Harbour");
        var task = await CliRunner.RunAsync(node, "case", "task", id, "Block the sender", "--org", "Lagoon", "--assignee", "Harbour", "--due", "2030-12-01");
        var attach = await CliRunner.RunAsync(node, "case", "attach", id, file, "--org", "Harbour");
        var past = await CliRunner.RunAsync(node, "case", "task", id, "Too late", "--org", "Lagoon", "--due", "2020-01-01");
        var list = await CliRunner.RunAsync(node, "case", "list", "--org", "Harbour");
        var show = await CliRunner.RunAsync(node, "case", "show", id, "--org", "Harbour");
        var stix = await CliRunner.RunAsync(node, "case", "show", id, "--org", "Harbour", "--stix");
        var missing = await CliRunner.RunAsync(node, "case", "show", Guid.NewGuid().ToString(), "--org", "Harbour");
        File.Delete(file);

        foreach (var run in new[] { share, comment, task, attach, list, show, stix })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        Assert.Contains("Shared with: Harbour", share.Out, StringComparison.Ordinal);
        Assert.Contains("12 bytes", attach.Out, StringComparison.Ordinal);
        Assert.Equal(1, past.ExitCode);
        Assert.Contains("due:", past.Error, StringComparison.Ordinal);
        Assert.Contains("Phishing at the port", list.Out, StringComparison.Ordinal);
        var view = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal("Harbour saw it too.", view.GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.Equal("Block the sender", view.GetProperty("tasks")[0].GetProperty("title").GetString());
        Assert.Equal(Path.GetFileName(file), view.GetProperty("attachments")[0].GetProperty("fileName").GetString());
        Assert.Equal("bundle", JsonDocument.Parse(stix.Out).RootElement.GetProperty("type").GetString());
        Assert.Equal(3, missing.ExitCode);
    }
}
