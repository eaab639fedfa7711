using System.CommandLine;
using Concord.Access;
using Concord.Platform;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord admin ...</c>: organisations, users, API keys and sharing groups of the local node, through
/// Access's <see cref="IAccessAdmin"/>. Secrets (one-time passwords, API keys) go to stdout alone on their line
/// so a script can capture them; everything else goes to stderr.
/// </summary>
internal static partial class AdminCommand
{
    public static Command Create(CliContext context)
    {
        var admin = new Command("admin", "Administer the local node: organisations, users, API keys, sharing groups, peer nodes.\n" + ExitCodes.Help);
        admin.Subcommands.Add(Organisations(context));
        admin.Subcommands.Add(Users(context));
        admin.Subcommands.Add(ApiKeys(context));
        admin.Subcommands.Add(Groups(context));
        admin.Subcommands.Add(Peers(context));
        return admin;
    }

    /// <summary>Runs <paramref name="action"/> on the local node's services; an Access error becomes exit code 1 with its message.</summary>
    private static Task<int> WithAdminAsync(CliContext context, CancellationToken cancellationToken, Func<IServiceProvider, Task<int>> action) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider);
        });

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new CliException($"{result.Error!.Message}{(result.Error.Field is null ? "" : $" [{result.Error.Field}: {result.Error.Rule}]")}");

    private static Role ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "read-only" or "readonly" => Role.ReadOnly,
        "analyst" => Role.Analyst,
        "org-admin" => Role.OrgAdmin,
        "secretariat" => Role.Secretariat,
        "node-admin" => Role.NodeAdmin,
        _ => throw CliException.Usage($"role '{text}' is not one of read-only, analyst, org-admin, secretariat, node-admin."),
    };

    private static string RoleName(Role role) => role switch
    {
        Role.ReadOnly => "read-only",
        Role.Analyst => "analyst",
        Role.OrgAdmin => "org-admin",
        Role.Secretariat => "secretariat",
        Role.NodeAdmin => "node-admin",
    };
}
