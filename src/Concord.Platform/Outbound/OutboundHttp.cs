using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Platform.Outbound;

/// <summary>
/// Every HTTP call the node makes on its own (federation peers, feeds, webhooks) goes through a client from here:
/// timeouts, retries with backoff and jitter, and the SSRF guard, which refuses addresses that are not on the public
/// internet unless the node admin allow-lists them (<see cref="OutboundOptions.AllowedHosts"/>). Calls fail with an
/// <see cref="HttpRequestException"/> (<see cref="OutboundRefusedException"/> when refused) or, on a timeout, with a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>.
/// </summary>
public static class OutboundHttp
{
    /// <summary>
    /// Binds and validates <c>Concord:Outbound</c> and adds a client per <see cref="OutboundPurpose"/>; get one with
    /// <see cref="CreateClient"/>. The host calls it once; further calls change nothing.
    /// </summary>
    public static IServiceCollection AddOutboundHttp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        var section = configuration.GetSection(OutboundOptions.Section);
        services.AddOptions<OutboundOptions>().Bind(section).Configure(o => AddSeparated(o.AllowedHosts, section[nameof(OutboundOptions.AllowedHosts)])).ValidateOnStart();
        AddCore(services);
        foreach (var purpose in Enum.GetValues<OutboundPurpose>())
        {
            Configure(services.AddHttpClient(ClientName(purpose)), purpose);
        }

        return services;
    }

    /// <summary>
    /// A typed client (a class that takes an <see cref="HttpClient"/>, such as a TAXII client) on a purpose's settings
    /// and guard. Without <see cref="AddOutboundHttp"/> the defaults apply: nothing is allow-listed.
    /// </summary>
    public static IHttpClientBuilder AddOutboundClient<TClient>(this IServiceCollection services, OutboundPurpose purpose)
        where TClient : class
    {
        AddCore(services);
        return Configure(services.AddHttpClient<TClient>(), purpose);
    }

    /// <summary>The client of <paramref name="purpose"/>. Like any factory client, create one per use and do not dispose of it early.</summary>
    public static HttpClient CreateClient(this IHttpClientFactory factory, OutboundPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(ClientName(purpose));
    }

    /// <summary>
    /// Lets the client retry <paramref name="request"/> although its method (POST, PATCH) is not idempotent: the caller
    /// vouches that the receiver takes a repeat as one (a webhook delivery id, an idempotency key). Its content is sent
    /// again, so it must be buffered (string, bytes, JSON), not a stream read once.
    /// </summary>
    public static HttpRequestMessage AllowRetry(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(OutboundResilience.RetryAnyMethod, true);
        return request;
    }

    internal static string ClientName(OutboundPurpose purpose) => "concord-outbound-" + purpose.ToString().ToLowerInvariant();

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions<OutboundOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboundOptions>, OutboundOptionsValidator>());
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton(sp => AllowList.From(Options(sp).AllowedHosts));
    }

    /// <summary>Handlers run outermost first: timeouts as HttpClient's, then the retries, then the guard, then the connection.</summary>
    private static IHttpClientBuilder Configure(IHttpClientBuilder builder, OutboundPurpose purpose)
    {
        // The factory's own loggers write whole URLs, and a webhook's URL can carry its secret; ours log the origin only.
        builder.RemoveAllLoggers()
            .ConfigureHttpClient((sp, client) => client.Timeout = Options(sp).For(purpose).TotalTimeout)
            .ConfigurePrimaryHttpMessageHandler(PrimaryHandler)
            .AddHttpMessageHandler(() => new OutboundTimeoutHandler(purpose))
            .AddResilienceHandler("outbound", (pipeline, context) =>
                OutboundResilience.Configure(pipeline, purpose, Options(context.ServiceProvider), Logger(context.ServiceProvider)));
        return builder.AddHttpMessageHandler(sp => new OutboundGuardHandler(purpose, Options(sp).For(purpose).MaxRedirects, Logger(sp)));
    }

    private static SocketsHttpHandler PrimaryHandler(IServiceProvider services)
    {
        var options = Options(services);
        var connector = new GuardedConnector(services.GetRequiredService<IHostResolver>(), services.GetRequiredService<AllowList>(), Logger(services));
        return new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = options.ConnectTimeout,

            // Through a proxy the connection (and so the guard) would see the proxy, not the target: these clients use none.
            UseProxy = false,

            // One handler serves every caller of a purpose: a cookie one receiver sets must not travel to the next.
            UseCookies = false,

            // The guard follows redirects itself (OutboundGuardHandler), checking each before it is followed.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
        };
    }

    private static void AddSeparated(IList<string> hosts, string? value)
    {
        foreach (var entry in (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            hosts.Add(entry);
        }
    }

    private static OutboundOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<OutboundOptions>>().Value;

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(Log.Category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private sealed class Registered;
}
