using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// The running framework's reference assemblies for ad-hoc projects. The targeting pack (with XML docs) is preferred;
/// the runtime's own framework assemblies are the fallback when no SDK is installed next to the runtime. The one
/// list every ad-hoc project in the process shares, so Roslyn reads each assembly's metadata once.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(Load);

    public static IReadOnlyList<MetadataReference> Get() => References.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var assemblies = FindTargetingPack() is { } targetingPack
            ? Directory.GetFiles(targetingPack, "*.dll")
            : RuntimeFrameworkAssemblies();
        var result = new List<MetadataReference>();
        foreach (var path in assemblies)
        {
            if (!IsManagedAssembly(path))
            {
                continue;
            }

            var xml = Path.ChangeExtension(path, ".xml");
            var documentation = File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null;
            result.Add(MetadataReference.CreateFromFile(path, documentation: documentation));
        }

        return result;
    }

    /// <summary>
    /// The framework assemblies the runtime loaded this process from. The list also names the application's own
    /// assemblies (all of them in a self-contained build), which user code must not see: only the framework's names pass.
    /// </summary>
    private static IEnumerable<string> RuntimeFrameworkAssemblies() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal)
                    || name is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.VisualBasic.dll"
                    || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal)));

    private static string? FindTargetingPack()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/netX.Y
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var dotnetRoot = runtime.Parent?.Parent?.Parent;
        var packs = dotnetRoot is null ? null : Path.Combine(dotnetRoot.FullName, "packs", "Microsoft.NETCore.App.Ref");
        if (packs is null || !Directory.Exists(packs))
        {
            return null;
        }

        var version = Environment.Version;
        var candidates = Directory.GetDirectories(packs)
            .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(c => c.Version is not null && c.Version.Major == version.Major)
            .OrderByDescending(c => c.Version)
            .ToList();
        foreach (var (path, _) in candidates)
        {
            var refFolder = Path.Combine(path, "ref", $"net{version.Major}.{version.Minor}");
            if (Directory.Exists(refFolder))
            {
                return refFolder;
            }
        }

        return null;
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            return reader.HasMetadata;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
