using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Concord.IntegrationTests.Notifications;

/// <summary>
/// A real SMTP server on 127.0.0.1 for a test: Debian's python3-aiosmtpd, storing what it receives in a maildir the test
/// reads. Without it the test skips, except under CI, where it fails (CI installs the package).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _maildir;

    private SmtpServer(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        _maildir = maildir;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        if (!File.Exists(Python) || !await HasAiosmtpdAsync())
        {
            var why = "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): the SMTP tests need a real SMTP server.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(why);
            }

            Assert.Skip(why);
        }

        var maildir = Path.Combine(Path.GetTempPath(), "concord-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(maildir)!);
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new SmtpServer(process, port, maildir);
        for (var attempt = 0; attempt < 200 && !process.HasExited; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "no answer";
        await server.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd did not start on 127.0.0.1:{port}: {error}");
    }

    /// <summary>The messages received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var dir = Path.Combine(_maildir, "new");
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList() : [];
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var messages = Messages();
            if (messages.Count >= count || attempt == 600)
            {
                return messages;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }

    private static async Task<bool> HasAiosmtpdAsync()
    {
        using var check = Process.Start(new ProcessStartInfo(Python) { ArgumentList = { "-c", "import aiosmtpd" }, RedirectStandardError = true })!;
        await check.WaitForExitAsync();
        return check.ExitCode == 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
