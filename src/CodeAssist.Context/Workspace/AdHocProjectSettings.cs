using System.Xml;
using System.Xml.Linq;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// What an ad-hoc project takes from the SDK: implicit usings, nullable context and output kind. Loose files get the
/// SDK's defaults for a new project; a project file read without MSBuild gives its own properties.
/// </summary>
public sealed record AdHocProjectSettings(bool ImplicitUsings, bool Nullable, bool Executable)
{
    /// <summary>Files no project describes: what <c>dotnet new classlib</c> would enable.</summary>
    public static AdHocProjectSettings LooseFiles { get; } = new(ImplicitUsings: true, Nullable: true, Executable: false);

    /// <summary>The properties of a .csproj as written (no imports, no conditions evaluated); none when it is not XML.</summary>
    public static AdHocProjectSettings Read(string projectFile)
    {
        try
        {
            var properties = XDocument.Load(projectFile).Descendants()
                .Where(e => e.Parent?.Name.LocalName == "PropertyGroup")
                .GroupBy(e => e.Name.LocalName, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.OrdinalIgnoreCase);
            bool Enabled(string key) => properties.TryGetValue(key, out var value) && value.Equals("enable", StringComparison.OrdinalIgnoreCase);
            var executable = properties.TryGetValue("OutputType", out var output) && output.Contains("exe", StringComparison.OrdinalIgnoreCase);
            return new AdHocProjectSettings(Enabled("ImplicitUsings"), Enabled("Nullable"), executable);
        }
        catch (XmlException)
        {
            return new AdHocProjectSettings(false, false, false);
        }
    }
}
