using System.CommandLine;

namespace Concord.Host;

/// <summary>The <c>concord</c> command line. With no verb it serves, like <c>concord serve</c>.</summary>
internal static class ConcordCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not create the demo alliance on an empty embedded store." };
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080)." };

        var serve = new Command("serve", "Run the Concord node (HTTP API, TAXII, UI).") { noDemo, urls };
        serve.SetAction((parse, ct) => ServeAsync(parse.GetValue(noDemo), parse.GetValue(urls), ct));

        var root = new RootCommand("Concord: threat-intelligence sharing for cybersecurity alliances.") { noDemo, urls };
        root.Subcommands.Add(serve);
        root.SetAction((parse, ct) => ServeAsync(parse.GetValue(noDemo), parse.GetValue(urls), ct));
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> ServeAsync(bool noDemo, string? urls, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (noDemo)
        {
            overrides["Concord:Demo:Enabled"] = "false";
        }

        if (urls is not null)
        {
            overrides["Concord:Urls"] = urls;
        }

        await using var app = await ConcordApp.BuildAsync(builder => builder.Configuration.AddInMemoryCollection(overrides), cancellationToken);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
