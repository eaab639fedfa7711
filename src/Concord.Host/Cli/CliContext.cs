using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>
/// Where a CLI run reads and writes: data on <see cref="Out"/>, messages and progress on <see cref="Error"/>.
/// Tests give their own writers and configuration (a temporary data folder, a PostgreSQL database).
/// </summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<Stream> OpenStandardInput { get; init; }

    /// <summary>Opens standard output for binary data (an exported bundle).</summary>
    public required Func<Stream> OpenStandardOutput { get; init; }

    /// <summary>Extra configuration applied after appsettings and environment variables.</summary>
    public Action<IConfigurationBuilder>? Configure { get; init; }

    public bool Interactive { get; init; }

    /// <summary>Progress bars and tables for people, on stderr so that stdout stays clean for data.</summary>
    public IAnsiConsole Messages => _messages ??= Create(Error, Interactive);

    /// <summary>Tables of results, on stdout.</summary>
    public IAnsiConsole Data => _data ??= Create(Out, Interactive && !Console.IsOutputRedirected);

    private IAnsiConsole? _messages;
    private IAnsiConsole? _data;

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Redirected output has no terminal width; a wide fixed one keeps tables from wrapping ids and names.
        if (!interactive)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardInput = Console.OpenStandardInput,
        OpenStandardOutput = Console.OpenStandardOutput,
        Interactive = !Console.IsErrorRedirected,
    };
}
