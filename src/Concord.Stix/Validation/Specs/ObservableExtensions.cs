using Concord.Stix.Validation.Values;
using static Concord.Stix.Validation.Specs.CommonShapes;
using V = Concord.Stix.Validation.Specs.Vocabularies;

namespace Concord.Stix.Validation.Specs;

/// <summary>The predefined SCO extensions (STIX 6.x.2): which names each SCO type defines, and their shapes.</summary>
internal static class ObservableExtensions
{
    private static readonly StringSpec S = StringSpec.Instance;
    private static readonly IntegerSpec I = IntegerSpec.Any;
    private static readonly IntegerSpec N = IntegerSpec.NonNegative;
    private static readonly BooleanSpec B = BooleanSpec.Instance;
    private static readonly TimestampSpec T = TimestampSpec.Any;

    private static readonly ObjectSpec AlternateDataStream = new("an alternate data stream", [new("name", S, true), new("hashes", HashesSpec.Instance), new("size", N)]);

    private static readonly ObjectSpec PeSection = new("a PE section", [new("name", S, true), new("size", N), new("entropy", NumberSpec.Any), new("hashes", HashesSpec.Instance)]);

    private static readonly Dictionary<string, ExtensionsSpec> ByType = new(StringComparer.Ordinal)
    {
        ["file"] = new(new Dictionary<string, ObjectSpec>
        {
            ["ntfs-ext"] = new("ntfs-ext", [new("sid", S), new("alternate_data_streams", new ListSpec(AlternateDataStream))], UnknownProperties.Allow),
            ["raster-image-ext"] = new("raster-image-ext", [new("image_height", I), new("image_width", I), new("bits_per_pixel", I), new("exif_tags", DictionarySpec.Any)]),
            ["pdf-ext"] = new("pdf-ext", [new("version", S), new("is_optimized", B), new("document_info_dict", DictionarySpec.Any), new("pdfid0", S), new("pdfid1", S)]),
            ["archive-ext"] = new("archive-ext", [new("contains_refs", Refs(RefTargets.Only("file", "directory")), true), new("comment", S)]),
            ["windows-pebinary-ext"] = new("windows-pebinary-ext", [new("pe_type", V.WindowsPeBinaryType, true), new("imphash", S), new("machine_hex", Formats.Hex),
                new("number_of_sections", N), new("time_date_stamp", T), new("pointer_to_symbol_table_hex", Formats.Hex), new("number_of_symbols", N),
                new("size_of_optional_header", N), new("characteristics_hex", Formats.Hex), new("optional_header", DictionarySpec.Any),
                new("sections", new ListSpec(PeSection))]),
        }),
        ["network-traffic"] = new(new Dictionary<string, ObjectSpec>
        {
            ["http-request-ext"] = new("http-request-ext", [new("request_method", S, true), new("request_value", S, true), new("request_version", S),
                new("request_header", new DictionarySpec(Strings)), new("message_body_length", N), new("message_body_data_ref", Ref("artifact"))]),
            ["icmp-ext"] = new("icmp-ext", [new("icmp_type_hex", Formats.Hex, true), new("icmp_code_hex", Formats.Hex, true)]),
            ["socket-ext"] = new("socket-ext", [new("address_family", V.NetworkSocketAddressFamily, true), new("is_blocking", B), new("is_listening", B),
                new("options", new DictionarySpec(I)), new("socket_type", V.NetworkSocketType), new("socket_descriptor", N), new("socket_handle", I)]),
            ["tcp-ext"] = new("tcp-ext", [new("src_flags_hex", Formats.Hex), new("dst_flags_hex", Formats.Hex)], UnknownProperties.Allow,
                Rules.AtLeastOne("src_flags_hex", "dst_flags_hex")),
        }),
        ["process"] = new(new Dictionary<string, ObjectSpec>
        {
            ["windows-process-ext"] = new("windows-process-ext", [new("aslr_enabled", B), new("dep_enabled", B), new("priority", S), new("owner_sid", S),
                new("window_title", S), new("startup_info", DictionarySpec.Any), new("integrity_level", V.WindowsIntegrityLevel)]),
            ["windows-service-ext"] = new("windows-service-ext", [new("service_name", S), new("descriptions", Strings), new("display_name", S),
                new("group_name", S), new("start_type", V.WindowsServiceStartType), new("service_dll_refs", Refs(RefTargets.Only("file"))),
                new("service_type", V.WindowsServiceType), new("service_status", V.WindowsServiceStatus)]),
        }),
        ["user-account"] = new(new Dictionary<string, ObjectSpec>
        {
            ["unix-account-ext"] = new("unix-account-ext", [new("gid", I), new("groups", Strings), new("home_dir", S), new("shell", S)]),
        }),
    };

    public static ExtensionsSpec For(string type) => ByType.TryGetValue(type, out var spec) ? spec : ExtensionsSpec.Default;
}
