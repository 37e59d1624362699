using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;

namespace CodeAssist.Features.Common;

/// <summary>
/// Roslyn's C# code fix and refactoring providers, found by reflection over the types the Features assemblies
/// export (their [Export...Provider] attributes) and created through their parameterless constructors. This avoids
/// a MEF container; providers that need constructor imports (mostly Visual Studio services) are skipped.
/// </summary>
internal static class RoslynProviderCatalog
{
    private static readonly string[] AssemblyNames = ["Microsoft.CodeAnalysis.Features", "Microsoft.CodeAnalysis.CSharp.Features"];

    private static readonly Lazy<ImmutableDictionary<string, ImmutableArray<CodeFixProvider>>> FixersById = new(LoadFixers);
    private static readonly Lazy<ImmutableArray<CodeRefactoringProvider>> RefactoringProviders = new(LoadRefactorings);

    public static ImmutableArray<CodeFixProvider> FixersFor(string diagnosticId) =>
        FixersById.Value.TryGetValue(diagnosticId, out var fixers) ? fixers : [];

    /// <summary>
    /// The fixers for a diagnostic that Roslyn exports under <paramref name="exportName"/> (the names of its
    /// PredefinedCodeFixProviderNames, e.g. "SpellCheck"), for callers that want one fixer's answer, not all of them.
    /// </summary>
    public static ImmutableArray<CodeFixProvider> FixersFor(string diagnosticId, string exportName) =>
        [.. FixersFor(diagnosticId).Where(fixer => fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>()?.Name == exportName)];

    public static ImmutableArray<CodeRefactoringProvider> Refactorings => RefactoringProviders.Value;

    private static ImmutableDictionary<string, ImmutableArray<CodeFixProvider>> LoadFixers()
    {
        var fixers = Create<CodeFixProvider, ExportCodeFixProviderAttribute>(a => a.Languages);
        var byId = new Dictionary<string, List<CodeFixProvider>>(StringComparer.Ordinal);
        foreach (var fixer in fixers)
        {
            ImmutableArray<string> ids;
            try
            {
                ids = fixer.FixableDiagnosticIds;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                continue;
            }

            foreach (var id in ids)
            {
                if (!byId.TryGetValue(id, out var list))
                {
                    byId[id] = list = [];
                }

                list.Add(fixer);
            }
        }

        return byId.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal);
    }

    private static ImmutableArray<CodeRefactoringProvider> LoadRefactorings() =>
        [.. Create<CodeRefactoringProvider, ExportCodeRefactoringProviderAttribute>(a => a.Languages)];

    private static List<TProvider> Create<TProvider, TAttribute>(Func<TAttribute, IEnumerable<string>> languages)
        where TProvider : class
        where TAttribute : Attribute
    {
        var providers = new List<TProvider>();
        foreach (var type in ExportedTypes())
        {
            if (type.IsAbstract || !typeof(TProvider).IsAssignableFrom(type)
                || type.GetCustomAttribute<TAttribute>() is not { } export || !languages(export).Contains(LanguageNames.CSharp)
                || type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is null)
            {
                continue;
            }

            try
            {
                if (Activator.CreateInstance(type, nonPublic: true) is TProvider provider)
                {
                    providers.Add(provider);
                }
            }
            catch (Exception exception) when (exception is TargetInvocationException or MissingMethodException or TypeLoadException)
            {
                // A provider that cannot stand alone is one we do without.
            }
        }

        return providers;
    }

    private static IEnumerable<Type> ExportedTypes()
    {
        foreach (var name in AssemblyNames)
        {
            Type?[] types;
            try
            {
                types = Assembly.Load(name).GetTypes();
            }
            catch (ReflectionTypeLoadException exception)
            {
                types = exception.Types;
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var type in types)
            {
                if (type is not null)
                {
                    yield return type;
                }
            }
        }
    }
}
