using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using Concord.Platform.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Concord.Platform.Tests.Outbound;

/// <summary>
/// The outbound clients as the node registers them, over the given settings, with names the test resolves itself (the
/// DNS boundary) and the log lines written, so a test reads what the node would log.
/// </summary>
internal sealed class OutboundTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public OutboundTestHost(Dictionary<string, string?>? settings = null, Dictionary<string, string[]>? names = null, X509Certificate2? trust = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new CapturingProvider(Logs)).SetMinimumLevel(LogLevel.Debug));
        services.AddOutboundHttp(configuration);
        services.Replace(ServiceDescriptor.Singleton<IHostResolver>(new TestResolver(names ?? [], Lookups)));
        if (trust is not null)
        {
            foreach (var purpose in Enum.GetValues<OutboundPurpose>())
            {
                services.AddHttpClient(OutboundHttp.ClientName(purpose)).ConfigurePrimaryHttpMessageHandler((handler, _) =>
                    ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                        certificate is not null && certificate.GetCertHashString() == trust.GetCertHashString());
            }
        }

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>How many times each name was resolved.</summary>
    public ConcurrentDictionary<string, int> Lookups { get; } = new();

    public IServiceProvider Services => _services;

    public HttpClient Client(OutboundPurpose purpose = OutboundPurpose.Feeds) =>
        _services.GetRequiredService<IHttpClientFactory>().CreateClient(purpose);

    public void Dispose() => _services.Dispose();

    /// <summary>
    /// Resolves the names a test gives; any other name does not exist, so no test depends on real DNS. A name given
    /// several addresses answers with all of them, except rebind.test, which answers with its first address the first
    /// time and its second ever after, as a rebinding attacker's DNS server does. slow.test never answers.
    /// </summary>
    private sealed class TestResolver(Dictionary<string, string[]> names, ConcurrentDictionary<string, int> lookups) : IHostResolver
    {
        public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            var count = lookups.AddOrUpdate(host, 1, (_, n) => n + 1);
            if (host == "slow.test")
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            if (!names.TryGetValue(host, out var addresses))
            {
                throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
            }

            return host == "rebind.test" ? [IPAddress.Parse(addresses[Math.Min(count, 2) - 1])] : addresses.Select(IPAddress.Parse).ToArray();
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue($"{logLevel} {category} {eventId.Id}: {formatter(state, exception)}");
        }
    }
}
