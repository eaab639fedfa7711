namespace Concord.Host.Cli;

/// <summary>The exit codes a script can rely on; documented in <c>concord --help</c> and the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command failed: bad configuration, unreachable node, rejected bundle, unknown organisation…</summary>
    public const int Error = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>A best-effort import stored some objects and rejected others.</summary>
    public const int PartiallyRejected = 3;

    /// <summary>What was asked for is not there, or not readable by the caller (a lookup with no correlation).</summary>
    public const int NotFound = 3;

    public const string Help = "Exit codes: 0 success; 1 error; 2 usage error; 3 import partially rejected (best-effort).";
}

/// <summary>A failure the CLI reports as one line on stderr with its exit code, without a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
