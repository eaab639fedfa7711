using System.Collections.Frozen;

namespace Concord.Observables.Text;

/// <summary>
/// File names look like domain names (<c>invoice.pdf</c>, <c>payload.exe</c>), and reports are full of them. A name
/// whose last label is a common file extension that is not also a top-level domain is taken for a file name. Extensions
/// that are real TLDs (<c>.zip</c>, <c>.sh</c>, <c>.py</c>) stay candidates: the analyst decides.
/// </summary>
internal static class NotDomains
{
    private static readonly FrozenSet<string> Extensions = new[]
    {
        "exe", "dll", "sys", "scr", "msi", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "hta", "lnk",
        "jar", "class", "bin", "dat", "tmp", "log", "ini", "cfg", "conf", "txt", "pdf", "doc", "docx", "docm", "xls",
        "xlsx", "xlsm", "ppt", "pptx", "rtf", "odt", "csv", "json", "xml", "yml", "yaml", "htm", "html", "php", "asp",
        "aspx", "jsp", "png", "jpg", "jpeg", "gif", "bmp", "svg", "ico", "iso", "img", "vhd", "vhdx", "rar", "7z", "gz",
        "tgz", "bz2", "xz", "tar", "apk", "ipa", "dmg", "pkg", "deb", "rpm", "elf", "dylib", "pyc", "eml",
        "msg", "chm", "db", "sqlite", "bak", "old", "swp", "c", "h", "cpp", "cs", "go", "rb", "lua",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsFileName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot >= 0 && Extensions.Contains(name[(dot + 1)..]);
    }
}
