using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Features.Admin;

/// <summary>Organisations: every member may list them; the secretariat and node admins create and change them (<see cref="AdminRules"/>).</summary>
internal sealed class OrganisationService(AccessDbContext db, TimeProvider time, IAuditTrail audit)
{
    public async Task<List<Organisation>> ListAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.NormalizedName).ToListAsync(cancellationToken);

    public Task<Organisation?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Result<Organisation>> CreateAsync(Caller caller, NewOrganisation request, CancellationToken cancellationToken) =>
        CreateCoreAsync(caller, request, cancellationToken).AuditedAsync(audit, o => new AuditEvent("organisation.create", "organisation", o.Id.ToString(), o.Id), cancellationToken);

    private async Task<Result<Organisation>> CreateCoreAsync(Caller caller, NewOrganisation request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AdminRules.Check(caller, AdminOperation.CreateOrganisation) is { } denied)
        {
            return denied;
        }

        if (Validate(request.Name, request.Country, request.Type, request.Sector, request.DefaultTlp) is { } invalid)
        {
            return invalid;
        }

        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = request.Name.Trim(),
            NormalizedName = Organisation.Normalize(request.Name),
            Country = request.Country.Trim().ToUpperInvariant(),
            Sector = string.IsNullOrWhiteSpace(request.Sector) ? null : request.Sector.Trim(),
            Type = request.Type,
            DefaultTlp = request.DefaultTlp,
            CreatedAt = time.GetUtcNow(),
        };
        if (await NameTakenAsync(organisation.NormalizedName, null, cancellationToken))
        {
            return NameTaken(organisation.Name);
        }

        db.Organisations.Add(organisation);
        return await SaveAsync(organisation, cancellationToken);
    }

    public Task<Result<Organisation>> UpdateAsync(Caller caller, Guid id, OrganisationChanges changes, CancellationToken cancellationToken) =>
        UpdateCoreAsync(caller, id, changes, cancellationToken).AuditedAsync(audit, o => new AuditEvent("organisation.update", "organisation", o.Id.ToString(), o.Id, Changed(changes)), cancellationToken);

    private async Task<Result<Organisation>> UpdateCoreAsync(Caller caller, Guid id, OrganisationChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (AdminRules.Check(caller, AdminOperation.UpdateOrganisation) is { } denied)
        {
            return denied;
        }

        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return Error.NotFound("The organisation");
        }

        if (organisation.HomeNodeId is not null)
        {
            return Error.Validation("organisationId", "federated-organisation", $"'{organisation.Name}' is hosted on {organisation.HomeNodeName}: its home node describes it.");
        }

        var name = changes.Name ?? organisation.Name;
        var country = changes.Country ?? organisation.Country;
        var type = changes.Type ?? organisation.Type;
        var sector = changes.Sector ?? organisation.Sector;
        var tlp = changes.DefaultTlp ?? organisation.DefaultTlp;
        if (Validate(name, country, type, sector, tlp) is { } invalid)
        {
            return invalid;
        }

        if (await NameTakenAsync(Organisation.Normalize(name), id, cancellationToken))
        {
            return NameTaken(name);
        }

        organisation.Name = name.Trim();
        organisation.NormalizedName = Organisation.Normalize(name);
        organisation.Country = country.Trim().ToUpperInvariant();
        organisation.Type = type;
        organisation.Sector = string.IsNullOrWhiteSpace(sector) ? null : sector.Trim();
        organisation.DefaultTlp = tlp;
        return await SaveAsync(organisation, cancellationToken);
    }

    /// <summary>
    /// The local stand-in of an organisation hosted on another node: created on first sight (one audit entry), its
    /// description refreshed when the home node changes it. Named "{name} ({home node})", with a number added in the rare
    /// case that name is taken.
    /// </summary>
    public async Task<Result<OrganisationInfo>> EnsureFederatedAsync(FederatedOrganisation remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var country = remote.Country.Trim().ToUpperInvariant();
        var type = Enum.IsDefined(remote.Type) ? remote.Type : OrganisationType.PublicBody;
        var sector = string.IsNullOrWhiteSpace(remote.Sector) ? null : remote.Sector.Trim();
        if ((Rules.Text(remote.Name, "name", 150, min: 2) ?? Rules.Text(remote.HomeNodeName, "homeNode", 40, min: 1) ?? Rules.Country(country)
            ?? Rules.Text(sector, "sector", 100, required: false)) is { } invalid)
        {
            return invalid;
        }

        var baseName = $"{remote.Name.Trim()} ({remote.HomeNodeName.Trim()})";
        var existing = await db.Organisations.FirstOrDefaultAsync(o => o.HomeNodeId == remote.HomeNodeId && o.RemoteId == remote.RemoteId, cancellationToken);
        if (existing is not null && existing.Country == country && existing.Type == type && existing.Sector == sector
            && existing.HomeNodeName == remote.HomeNodeName && existing.Name.StartsWith(baseName, StringComparison.Ordinal))
        {
            return existing.ToInfo();
        }

        var organisation = existing ?? new Organisation
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = baseName,
            NormalizedName = Organisation.Normalize(baseName),
            Country = country,
            CreatedAt = time.GetUtcNow(),
            DefaultTlp = Tlp.Amber,
            HomeNodeId = remote.HomeNodeId,
            RemoteId = remote.RemoteId,
        };
        organisation.Country = country;
        organisation.Type = type;
        organisation.Sector = sector;
        organisation.HomeNodeName = remote.HomeNodeName.Trim();
        var name = baseName;
        for (var n = 2; await NameTakenAsync(Organisation.Normalize(name), existing?.Id, cancellationToken); n++)
        {
            name = $"{baseName} {n}";
        }

        organisation.Name = name;
        organisation.NormalizedName = Organisation.Normalize(name);
        if (existing is null)
        {
            db.Organisations.Add(organisation);
        }

        var saved = await SaveAsync(organisation, cancellationToken);
        if (!saved.IsSuccess)
        {
            // Another pull (a CLI 'sync' beside the server) made the same stand-in first: it is the one to use.
            db.Entry(organisation).State = EntityState.Detached;
            var first = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.HomeNodeId == remote.HomeNodeId && o.RemoteId == remote.RemoteId, cancellationToken);
            return first is not null ? first.ToInfo() : saved.Error!;
        }

        await audit.RecordAsync(new AuditEvent(existing is null ? "organisation.federate" : "organisation.update", "organisation", organisation.Id.ToString(), organisation.Id,
            $"home node {remote.HomeNodeId}"), cancellationToken);
        return organisation.ToInfo();
    }

    private static Error? Validate(string name, string country, OrganisationType type, string? sector, Tlp tlp) =>
        Rules.Text(name, "name", 200, min: 2)
        ?? Rules.Country(country)
        ?? (Enum.IsDefined(type) ? null : Error.Validation("type", "enum", $"'type' must be one of: {AccessNames.Types}."))
        ?? Rules.Text(sector, "sector", 100, required: false)
        ?? (Enum.IsDefined(tlp) ? null : Error.Validation("defaultTlp", "enum", "'defaultTlp' must be a TLP 2.0 label."));

    private Task<bool> NameTakenAsync(string normalized, Guid? except, CancellationToken cancellationToken) =>
        db.Organisations.AnyAsync(o => o.NormalizedName == normalized && o.Id != except, cancellationToken);

    private static Error NameTaken(string name) =>
        Error.Conflict("organisation-name-taken", $"An organisation named '{name}' already exists.", "name");

    private async Task<Result<Organisation>> SaveAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return organisation;
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent create of the same name: the unique index decided.
            return NameTaken(organisation.Name);
        }
    }

    /// <summary>Which fields a change names, for the audit trail (the values stay in the organisation's record).</summary>
    private static string Changed(OrganisationChanges changes) => string.Join(", ", new[]
    {
        changes.Name is null ? null : "name",
        changes.Country is null ? null : "country",
        changes.Type is null ? null : "type",
        changes.Sector is null ? null : "sector",
        changes.DefaultTlp is null ? null : "default TLP",
    }.OfType<string>());
}
