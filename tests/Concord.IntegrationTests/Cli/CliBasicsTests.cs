namespace Concord.IntegrationTests.Cli;

public class CliBasicsTests
{
    [Fact]
    public async Task Help_ListsTheVerbsAndTheExitCodes()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string?>(), "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "serve", "import", "export", "admin" })
        {
            Assert.Contains(verb, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0 success; 1 error; 2 usage error; 3 import partially rejected", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_IsAUsageErrorOnStderr()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string?>(), "import", "x.json", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task PolicyOutsideTheChoices_IsAUsageError()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string?>(), "import", "--policy", "sometimes", "x.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sometimes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOfAMissingFile_IsAnErrorNamingTheFile()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string?>(), "import", "/no/such/bundle.json", "--org", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/no/such/bundle.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_IsAConfigurationErrorNamingTheSetting()
    {
        var run = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["Concord:Storage:Provider"] = "Postgres", ["Concord:Storage:ConnectionString"] = "" },
            "admin", "org", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Concord:Storage:ConnectionString is required", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
