using System.Text;
using Concord.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace Concord.IntegrationTests.Cli;

/// <summary>What one in-process run of <c>concord</c> printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error, byte[] OutBytes)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs CLI verbs in-process against a test node's database, capturing stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static Task<CliRun> RunAsync(TestNode? node, params string[] args) => RunAsync(node, stdin: null, args);

    public static Task<CliRun> RunAsync(TestNode? node, byte[]? stdin, params string[] args) =>
        RunAsync(node?.Settings.Where(s => s.Key != "Concord:Urls").ToDictionary() ?? [], stdin, args);

    public static Task<CliRun> RunAsync(IDictionary<string, string?> settings, params string[] args) => RunAsync(settings, null, args);

    private static async Task<CliRun> RunAsync(IDictionary<string, string?> settings, byte[]? stdin, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var binary = new MemoryStream();
        settings = new Dictionary<string, string?>(settings);
        settings.TryAdd("Concord:Storage:DataDirectory", Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N")));
        var context = new CliContext
        {
            Out = output,
            Error = error,
            OpenStandardInput = () => new MemoryStream(stdin ?? []),
            OpenStandardOutput = () => new NonClosingStream(binary),
            Configure = c => c.AddInMemoryCollection(settings),
        };
        var exit = await ConcordCli.RunAsync(args, context, TestContext.Current.CancellationToken);
        var bytes = binary.ToArray();
        return new CliRun(exit, output.ToString() + Encoding.UTF8.GetString(bytes), error.ToString(), bytes);
    }

    /// <summary>Keeps the captured bytes readable after the CLI disposes its output stream.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
