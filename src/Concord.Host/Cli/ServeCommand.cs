using System.CommandLine;
using Concord.Access;
using Concord.Host.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Concord.Host.Cli;

/// <summary><c>concord serve [--urls URLS] [--no-demo]</c>, also the root command's action.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var serve = new Command("serve", "Run the Concord node: HTTP API, OpenAPI page at /api/docs, health at /health/live and /health/ready.");
        AddTo(serve, context);
        return serve;
    }

    /// <summary>Gives <paramref name="command"/> the serve options and action (the root command serves too).</summary>
    public static void AddTo(Command command, CliContext context)
    {
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not create the demo alliance on an empty embedded store." };
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080 (several separated by ';')." };
        command.Options.Add(noDemo);
        command.Options.Add(urls);
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => ServeAsync(context, parse.GetValue(noDemo), parse.GetValue(urls), ct)));
    }

    private static async Task<int> ServeAsync(CliContext context, bool noDemo, string? urls, CancellationToken cancellationToken)
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

        await using var app = await ConcordApp.BuildAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(overrides);
                context.Configure?.Invoke(builder.Configuration);
            },
            cancellationToken);
        DemoSummary? demo;
        string? adminPassword;
        string? demoLogin = null;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            demo = await seeder.SeedIfEmptyAsync(cancellationToken);
            adminPassword = demo is not null ? demo.AdminPassword : await scope.ServiceProvider.GetRequiredService<IAccessAdmin>().EnsureNodeAdminAsync(null, cancellationToken);
            if (demo is null && adminPassword is null)
            {
                demoLogin = await seeder.DemoLoginAsync(cancellationToken);
            }
        }

        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        await WriteBannerAsync(context.Out, addresses.FirstOrDefault() ?? "(no address)", adminPassword, demo, demoLogin);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>The console banner: where the node runs and, on first start, how to log in. Passwords go here, never to the log.</summary>
    private static async Task WriteBannerAsync(TextWriter output, string url, string? adminPassword, DemoSummary? demo, string? demoLogin)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(adminPassword is null
            ? $"Concord is running at {url}"
            : $"Concord is running at {url} — log in as admin with one-time password {adminPassword}");
        if (demo is not null)
        {
            await output.WriteLineAsync($"Demo alliance created: {demo.Organisations} fictional organisations, {demo.Users} users, {demo.ObjectsStored:N0} STIX objects.");
            await output.WriteLineAsync($"Demo users share the password {demo.DemoUserPassword}, e.g. {string.Join(" or ", demo.SampleLogins)}.");
        }

        // The passwords were printed once, at the first start; only their hashes are kept, so say how to get in again.
        if (demoLogin is not null)
        {
            await output.WriteLineAsync($"This node holds the demo alliance; its users share the password printed at its first start (e.g. {demoLogin}).");
            await output.WriteLineAsync($"Lost it? Give a user a new one-time password: concord admin user reset-password {demoLogin}");
            await output.WriteLineAsync("  (from the repository: dotnet run --project src/Concord.Host -- admin user reset-password USER; the node admin's user name is admin).");
        }

        await output.WriteLineAsync($"API reference: {url}/api/docs · OpenAPI: {url}/openapi/v1.json · health: {url}/health/ready. Press Ctrl+C to stop.");
        await output.WriteLineAsync();
    }
}
