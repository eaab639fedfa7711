using System.CommandLine;
using Concord.Access;
using Concord.Stix;
using Spectre.Console;

namespace Concord.Host.Cli;

internal static partial class AdminCommand
{
    private static Command Organisations(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The organisation's name." };
        var country = new Option<string>("--country") { Description = "ISO 3166-1 alpha-2 country code, e.g. KE.", Required = true };
        var type = new Option<string>("--type") { Description = "government-agency, public-body, non-profit or private-partner.", DefaultValueFactory = _ => "government-agency" };
        type.AcceptOnlyFromAmong("government-agency", "public-body", "non-profit", "private-partner");
        var sector = new Option<string?>("--sector") { Description = "Sector, e.g. 'national CSIRT' or 'health'." };
        var defaultTlp = new Option<string>("--default-tlp") { Description = "TLP for imports without markings: clear, green, amber, amber+strict, red.", DefaultValueFactory = _ => "amber" };

        var create = new Command("create", "Create a member organisation; prints its id.") { name, country, type, sector, defaultTlp };
        create.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var tlp = Distribution.TryParseTlp(parse.GetValue(defaultTlp), out var t) ? t
                : throw CliException.Usage($"--default-tlp '{parse.GetValue(defaultTlp)}' is not a TLP label.");
            var organisation = Require(await services.GetRequiredService<IAccessAdmin>().CreateOrganisationAsync(
                new NewOrganisation(parse.GetValue(name)!, parse.GetValue(country)!.ToUpperInvariant(), ParseType(parse.GetValue(type)!), parse.GetValue(sector), tlp), ct));
            await context.Out.WriteLineAsync(organisation.Id.ToString());
            await context.Error.WriteLineAsync($"created organisation '{organisation.Name}' ({organisation.Country}).");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List the member organisations.");
        list.SetAction((_, ct) => WithAdminAsync(context, ct, async services =>
        {
            var table = new Table().AddColumns("Id", "Name", "Country", "Type", "Sector", "Default TLP");
            foreach (var o in await services.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(ct))
            {
                table.AddRow(o.Id.ToString(), Markup.Escape(o.Name), o.Country, TypeName(o.Type), Markup.Escape(o.Sector ?? ""), Distribution.Label(o.DefaultTlp));
            }

            context.Data.Write(table);
            return ExitCodes.Ok;
        }));

        return new Command("org", "Organisations.") { create, Update(context), list };
    }

    /// <summary><c>admin org update &lt;name-or-id&gt;</c>: only the options given change.</summary>
    private static Command Update(CliContext context)
    {
        var organisation = new Argument<string>("organisation") { Description = "The organisation to change (name or id)." };
        var name = new Option<string?>("--name") { Description = "A new name." };
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2 country code, e.g. KE." };
        var type = new Option<string?>("--type") { Description = "government-agency, public-body, non-profit or private-partner." };
        type.AcceptOnlyFromAmong("government-agency", "public-body", "non-profit", "private-partner");
        var sector = new Option<string?>("--sector") { Description = "Sector; an empty value clears it." };
        var defaultTlp = new Option<string?>("--default-tlp") { Description = "clear, green, amber, amber+strict or red." };

        var update = new Command("update", "Change an organisation's name, country, type, sector or default TLP.") { organisation, name, country, type, sector, defaultTlp };
        update.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            Tlp? tlp = null;
            if (parse.GetValue(defaultTlp) is { } label)
            {
                tlp = Distribution.TryParseTlp(label, out var t) ? t : throw CliException.Usage($"--default-tlp '{label}' is not a TLP label.");
            }

            var target = await LocalNode.OrganisationAsync(services, parse.GetValue(organisation), ct);
            var changes = new OrganisationChanges(parse.GetValue(name), parse.GetValue(country),
                parse.GetValue(type) is { } typeName ? ParseType(typeName) : null, parse.GetValue(sector), tlp);
            var updated = Require(await services.GetRequiredService<IAccessAdmin>().UpdateOrganisationAsync(target.Id, changes, ct));
            await context.Error.WriteLineAsync($"updated organisation '{updated.Name}' ({updated.Country}, {TypeName(updated.Type)}, "
                + $"{(updated.Sector is null ? "no sector" : updated.Sector)}, default TLP:{Distribution.Label(updated.DefaultTlp)}).");
            return ExitCodes.Ok;
        }));
        return update;
    }

    private static OrganisationType ParseType(string text) => text switch
    {
        "public-body" => OrganisationType.PublicBody,
        "non-profit" => OrganisationType.NonProfit,
        "private-partner" => OrganisationType.PrivatePartner,
        _ => OrganisationType.GovernmentAgency,
    };

    private static string TypeName(OrganisationType type) => type switch
    {
        OrganisationType.GovernmentAgency => "government-agency",
        OrganisationType.PublicBody => "public-body",
        OrganisationType.NonProfit => "non-profit",
        OrganisationType.PrivatePartner => "private-partner",
    };

}
