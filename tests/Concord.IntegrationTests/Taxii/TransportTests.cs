using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// T 8.2.2: a TAXII server MUST accept TLS 1.2 and SHOULD accept TLS 1.3. The node serves HTTPS when an https:// URL
/// and a certificate (Kestrel:Certificates:Default) are configured; here a throw-away self-signed one on 127.0.0.1.
/// Transport does not touch storage, so SQLite alone.
/// </summary>
public class TransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Https_AcceptsTls12AndTls13(SslProtocols protocol)
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(Path.GetTempPath(), $"concord-tls-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test"), Ct);
        try
        {
            await using var h = await StartAsync(Store.Sqlite, new Dictionary<string, string?>
            {
                ["Concord:Urls"] = "https://127.0.0.1:0",
                ["Kestrel:Certificates:Default:Path"] = pfx,
                ["Kestrel:Certificates:Default:Password"] = "test",
            });
            // The client offers this one protocol only, so a completed handshake means the node accepted it.
            using var handler = new HttpClientHandler
            {
                SslProtocols = protocol,
                ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == certificate.GetCertHashString(HashAlgorithmName.SHA256),
            };
            using var client = Accept(new HttpClient(handler) { BaseAddress = h.Node.BaseAddress });
            client.DefaultRequestHeaders.Authorization = new("Bearer", await h.Members.ApiKeyAsync("Alpha", Concord.Access.Role.Analyst));

            using var response = await client.GetAsync("/taxii2/", Ct);

            Assert.Equal("https", h.Node.BaseAddress.Scheme);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertTaxii(response);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

}
