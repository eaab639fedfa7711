using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Concord.Host.Cli;

/// <summary>The <c>concord</c> command line. With no verb it serves, like <c>concord serve</c>.</summary>
internal static class ConcordCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliContext.FromConsole(), CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = new RootCommand(
            "Concord: threat-intelligence sharing for cybersecurity alliances.\n"
            + "With no command, serves the node (like 'concord serve').\n" + ExitCodes.Help);
        ServeCommand.AddTo(root, context);
        foreach (var command in Verbs(context))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}");
            }

            await context.Error.WriteLineAsync("Run 'concord --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }

    private static IEnumerable<Command> Verbs(CliContext context) =>
    [
        ServeCommand.Create(context),
        ImportCommand.Create(context),
        ExportCommand.Create(context),
        SightingCommand.Create(context),
        LookupCommand.Create(context),
        WhoisCommand.Create(context),
        TeamCommand.Create(context),
        CaseCommand.Create(context),
        AuditCommand.Create(context),
        MailCommand.Create(context),
        AdminCommand.Create(context),
        TaxiiCommand.Create(context),
        FeedCommand.Create(context),
        PeerCommand.Create(context),
    ];

    /// <summary>
    /// Runs a verb and turns failures into one line on stderr and an exit code: a script gets a stable code
    /// and a person a message that says what to fix, never a stack trace.
    /// </summary>
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await context.Error.WriteLineAsync($"configuration error: {failure}");
            }

            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("cancelled.");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or InvalidOperationException
            or System.Data.Common.DbException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
