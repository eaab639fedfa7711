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
    public IAnsiConsole Messages => _messages ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Error),
        Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });

    /// <summary>Tables of results, on stdout.</summary>
    public IAnsiConsole Data => _data ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    private IAnsiConsole? _messages;
    private IAnsiConsole? _data;

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardInput = Console.OpenStandardInput,
        OpenStandardOutput = Console.OpenStandardOutput,
        Interactive = !Console.IsErrorRedirected,
    };
}
