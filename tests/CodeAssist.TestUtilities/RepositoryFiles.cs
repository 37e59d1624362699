namespace CodeAssist.TestUtilities;

/// <summary>Files of this repository that tests read: its root and the Inventory sample.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root (where CodeAssist.sln is), found above the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "CodeAssist.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("CodeAssist.sln not found above the test binaries.");
        }
    }

    /// <summary>samples/Inventory/InventoryService.cs, read only: tests that edit use <see cref="CopyInventorySample"/>.</summary>
    public static string InventorySample => Path.Combine(Root, "samples", "Inventory", "InventoryService.cs");

    /// <summary>A fresh copy of samples/Inventory in a temporary folder (tests may edit it); returns the folder.</summary>
    public static string CopyInventorySample()
    {
        var target = Path.Combine(Path.GetTempPath(), "codeassist-inventory-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "samples", "Inventory")))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
