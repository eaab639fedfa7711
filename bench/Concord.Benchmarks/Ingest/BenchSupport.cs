using System.Diagnostics;
using Concord.Access;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Benchmarks.Ingest;

/// <summary>One organisation importing; the benchmark measures ingest, not the directory.</summary>
internal sealed class BenchDirectory : IAccessDirectory
{
    public Guid OrganisationId { get; } = Guid.NewGuid();

    public Task<OrganisationInfo?> FindOrganisationAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult<OrganisationInfo?>(new OrganisationInfo(id, "Bench CERT", "NL", OrganisationType.GovernmentAgency, null, Tlp.Green));

    public Task<AudienceInfo?> FindAudienceAsync(Guid audienceId, CancellationToken cancellationToken) => Task.FromResult<AudienceInfo?>(null);

    public async Task<IReadOnlyList<OrganisationInfo>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        [(await FindOrganisationAsync(OrganisationId, cancellationToken))!];

    /// <summary>The benchmark's organisation has no accounts: nobody to notify.</summary>
    public Task<IReadOnlyList<MemberContact>> ListMembersAsync(Guid? organisationId, Role minimumRole, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MemberContact>>([]);

    public Task<MemberContact?> FindMemberAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult<MemberContact?>(null);

    public Guid? UserIdOf(System.Security.Claims.ClaimsPrincipal user) => null;

    public Task<Result<Guid>> ResolveRecipientsAsync(Guid ownerOrgId, IReadOnlyCollection<Guid> recipientOrgIds, CancellationToken cancellationToken) =>
        Task.FromResult<Result<Guid>>(Error.Validation("recipients", "not-supported", "The benchmark has no recipients."));

    public Task<Result<Guid>> ResolveSharingGroupAsync(Guid ownerOrgId, Guid sharingGroupId, CancellationToken cancellationToken) =>
        Task.FromResult<Result<Guid>>(Error.Validation("sharing_group", "not-supported", "The benchmark has no sharing groups."));
}

/// <summary>Samples the managed heap and the working set every 20 ms and keeps the peaks.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakManaged;
    private long _peakWorkingSet;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

    public double PeakManagedMb
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakManaged) / 1048576.0;
        }
    }

    public double PeakWorkingSetMb
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakWorkingSet) / 1048576.0;
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var managed = GC.GetTotalMemory(false);
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        InterlockedMax(ref _peakManaged, managed);
        InterlockedMax(ref _peakWorkingSet, workingSet);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>What every benchmark's command line and database setup needs.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Runs one statement on <paramref name="server"/> (creating and dropping databases, ANALYZE), allowing it half an hour.</summary>
    public static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 1800 };
        await command.ExecuteNonQueryAsync();
    }
}
