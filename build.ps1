<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages RenderbusPS.

.DESCRIPTION
    Build    compiles the module and stages it in out/RenderbusPS (manifest, assemblies, format file, MAML help
             compiled from the PlatyPS pages in en-US/ by src/RenderbusPS.HelpCompiler, licence, and the Pester
             ops checks of src/RenderbusPS/Examples).
    Test     runs Build, then `dotnet test RenderbusPS.sln`, then the Pester suite in tests/pester in a fresh process
             of the PowerShell that runs this script. Pester is restored from NuGet into out/packages.
    Demo     runs Build, then shows the module working against the local emulator.
    Bench    runs the benchmarks in tests/RenderbusPS.Benchmarks.
    Docs     writes the README's cmdlet table and about_RenderbusPS's cmdlet list from the manifest and help pages;
             where platyPS 0.14 is installed, also checks that the compiled help says what platyPS's own MAML says.
    Package  runs Build, then writes out/RenderbusPS.<version>.nupkg with PSResourceGet (PowerShell 7.4+).

    Nothing is fetched from the PowerShell Gallery. Works in Windows PowerShell 5.1 and PowerShell 7, whether pwsh is
    on PATH or comes from the repository's tool manifest (`dotnet tool restore`, then `dotnet pwsh`).

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Docs', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$staged = Join-Path $out 'RenderbusPS'
$manifest = Join-Path $staged 'RenderbusPS.psd1'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath exited with code $LASTEXITCODE."
    }
}

function Get-PowerShellCommand {
    # The PowerShell that runs this script, as a command line: pwsh(.exe) or powershell.exe run themselves, but the
    # PowerShell .NET tool runs as `dotnet pwsh.dll`, so its process path alone would start dotnet with our arguments.
    $process = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @{ FilePath = $process; Prefix = @([Environment]::GetCommandLineArgs()[0]) }
    }
    @{ FilePath = $process; Prefix = @() }
}

function Invoke-PowerShell {
    param([string] $Script)
    # -EncodedCommand keeps the script intact through Windows PowerShell 5.1's native argument quoting;
    # -OutputFormat Text keeps the child's host output readable when this script's own output is redirected (CI)
    $ps = Get-PowerShellCommand
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    Invoke-Native $ps.FilePath ($ps.Prefix + @('-NoProfile', '-NonInteractive', '-OutputFormat', 'Text',
            '-EncodedCommand', $encoded))
}

function Get-ChangelogSection {
    param([string] $Version)
    # the notes of one release: the text under "## [<version>]" up to the next release heading
    $text = [IO.File]::ReadAllText((Join-Path $root 'CHANGELOG.md')) -replace "`r`n", "`n"
    $match = [regex]::Match($text, "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(.*?)(?=^## \[|\z)")
    if (-not $match.Success) {
        throw "CHANGELOG.md has no '## [$Version]' section; add the release notes of $Version there."
    }
    $match.Groups[1].Value.Trim()
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'src/RenderbusPS/RenderbusPS.csproj'), '-c', $Configuration, '--nologo')
    $bin = Join-Path $root "src/RenderbusPS/bin/$Configuration/netstandard2.0"

    if (Test-Path $staged) {
        Remove-Item -Path $staged -Recurse -Force
    }
    New-Item -ItemType Directory -Path $staged | Out-Null
    Get-ChildItem -Path $bin -Filter '*.dll' |
        Where-Object { $_.Name -ne 'System.Management.Automation.dll' } |
        Copy-Item -Destination $staged
    Copy-Item -Path (Join-Path $bin 'RenderbusPS.Format.ps1xml') -Destination $staged
    Copy-Item -Path (Join-Path $root 'LICENSE') -Destination $staged
    # the Pester ops checks users copy (Examples/OpsChecks), shipped as they are
    Copy-Item -Path (Join-Path $root 'src/RenderbusPS/Examples') -Destination $staged -Recurse

    # the staged manifest carries this release's notes from the changelog, which the Gallery shows
    $source = [IO.File]::ReadAllText((Join-Path $root 'RenderbusPS.psd1'))
    $version = (Import-PowerShellDataFile (Join-Path $root 'RenderbusPS.psd1')).ModuleVersion
    $notes = (Get-ChangelogSection $version) -replace "'", "''"
    $placeholder = "ReleaseNotes = 'CHANGELOG.md'"
    if (-not $source.Contains($placeholder)) {
        throw "RenderbusPS.psd1 must keep the line $placeholder; the build fills it from the changelog."
    }
    [IO.File]::WriteAllText($manifest, $source.Replace($placeholder, "ReleaseNotes = '$notes'"))

    $help = Join-Path $staged 'en-US'
    New-Item -ItemType Directory -Path $help | Out-Null
    Copy-Item -Path (Join-Path $root 'en-US/about_RenderbusPS.help.txt') -Destination $help
    Invoke-Native dotnet @('run', '--project', (Join-Path $root 'src/RenderbusPS.HelpCompiler'), '-c', $Configuration, '--',
        (Join-Path $root 'en-US'), $help)
    Write-Host "Staged the module in $staged" -ForegroundColor Green
}

function Get-Pester {
    # Pester comes from NuGet (its package's tools/ folder is the module), pinned in tests/pester/Pester.Restore.csproj
    $project = Join-Path $root 'tests/pester/Pester.Restore.csproj'
    $version = ([xml](Get-Content -Raw $project)).Project.PropertyGroup.PesterVersion
    $module = Join-Path $out "packages/pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $module)) {
        Invoke-Native dotnet @('restore', $project, '--nologo', "-p:RestorePackagesPath=$(Join-Path $out 'packages')") |
            Out-Host
    }
    $module
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native dotnet @('test', (Join-Path $root 'RenderbusPS.sln'), '-c', $Configuration, '--nologo')
    # the package test installs out/RenderbusPS.<version>.nupkg; Windows PowerShell 5.1 has no PSResourceGet to make it
    if (Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet) {
        Invoke-Package
    }

    $pester = Get-Pester
    # a fresh process: the module's assemblies are not left loaded in this one; the child is told which PowerShell
    # this is, so a test can prove that it runs in the same one
    $ps = Get-PowerShellCommand
    $env:RENDERBUSPS_BUILD_POWERSHELL = (@("$($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion)", $ps.FilePath) +
        $ps.Prefix) -join '|'
    Invoke-PowerShell @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
Write-Host "Pester: `$(`$result.PassedCount) passed, `$(`$result.FailedCount) failed"
if (`$result.FailedCount -gt 0 -or `$result.PassedCount -eq 0) { exit 1 }
exit 0
"@
}

function Get-HelpDigest {
    param([string] $Path)
    # what a reader of Get-Help sees of each cmdlet, whitespace folded: synopsis, parameters, examples
    Set-StrictMode -Off # an empty element reads as '' in [xml], so its children are $null here, not an error
    $fold = { param($text) (($text | Out-String) -replace '\s+', ' ').Trim() }
    $xml = [xml](Get-Content -Raw $Path)
    $digest = @{}
    foreach ($command in $xml.helpItems.command) {
        $lines = @('synopsis: ' + (& $fold $command.details.description.para))
        foreach ($p in $command.parameters.parameter) {
            $lines += "parameter $($p.name): " + (& $fold $p.description.para)
        }
        foreach ($e in $command.examples.example) {
            $lines += 'example ' + (& $fold ($e.title -replace '^[-\s]+|[-\s]+$', '')) + ': ' + (& $fold $e.code) +
                ' | ' + (& $fold $e.remarks.para)
        }
        $digest[$command.details.name.Trim()] = $lines
    }
    $digest
}

function Update-CmdletTable {
    # the README's cmdlet table is the manifest's cmdlets with their help synopses: written here, checked by a test
    $readme = Join-Path $root 'README.md'
    $text = [IO.File]::ReadAllText($readme) -replace "`r`n", "`n"
    $rows = foreach ($name in (Import-PowerShellDataFile (Join-Path $root 'RenderbusPS.psd1')).CmdletsToExport) {
        $page = [IO.File]::ReadAllText((Join-Path $root "en-US/$name.md")) -replace "`r`n", "`n"
        $synopsis = [regex]::Match($page, '(?ms)^## SYNOPSIS\n(.*?)\n\s*\n').Groups[1].Value
        '| `{0}` | {1} |' -f $name, (($synopsis -replace '\s+', ' ').Trim() -replace '\|', '\|')
    }
    $table = "| Cmdlet | What it does |`n| --- | --- |`n" + ($rows -join "`n") + "`n"
    $pattern = '(?ms)^\| Cmdlet \| What it does \|\n.*?\n(?=\n)'
    if (-not [regex]::IsMatch($text, $pattern)) {
        throw 'README.md has no cmdlet table (a "| Cmdlet | What it does |" header) to write.'
    }
    # the match ends with the last row's line break, before the blank line that ends the table: keep both
    [IO.File]::WriteAllText($readme, [regex]::Replace($text, $pattern, { param($m) $table }))
    Write-Host "Wrote the cmdlet table of README.md from $(@($rows).Count) help synopses."
}

function Update-AboutCmdletList {
    # the CMDLETS section of about_RenderbusPS is the manifest's cmdlets: written here, checked by a test
    $about = Join-Path $root 'en-US/about_RenderbusPS.help.txt'
    $text = [IO.File]::ReadAllText($about) -replace "`r`n", "`n"
    $lines = New-Object System.Collections.Generic.List[string]
    $line = '   '
    foreach ($name in (Import-PowerShellDataFile (Join-Path $root 'RenderbusPS.psd1')).CmdletsToExport) {
        if ($line.Length + $name.Length + 2 -gt 76) {
            $lines.Add($line)
            $line = '   '
        }
        $line += " $name,"
    }
    $lines.Add($line.TrimEnd(','))
    $pattern = '(?ms)^CMDLETS\n.*?\n(?=\n)'
    if (-not [regex]::IsMatch($text, $pattern)) { throw 'about_RenderbusPS has no CMDLETS section to write.' }
    $section = "CMDLETS`n" + ($lines -join "`n") + "`n"
    [IO.File]::WriteAllText($about, [regex]::Replace($text, $pattern, { param($m) $section }))
    Write-Host "Wrote the CMDLETS list of about_RenderbusPS from the manifest."
}

function Invoke-Docs {
    # Docs writes the README's cmdlet table from the help synopses. platyPS is optional: Build compiles the help without
    # it. Where platyPS is installed, Docs also builds its MAML from the same pages into out/platyps-help and fails unless
    # the compiled help says the same (synopsis, parameters, examples).
    Update-CmdletTable
    Update-AboutCmdletList
    $platyPS = Get-Module -ListAvailable -Name platyPS | Where-Object { $_.Version -ge [version]'0.14.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $platyPS) {
        Write-Host 'platyPS 0.14 is not installed: the cross-check of the compiled help against platyPS was not run.'
        return
    }
    Invoke-Build
    $reference = Join-Path $out 'platyps-help'
    Invoke-PowerShell @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($platyPS.Path)'
New-ExternalHelp -Path '$(Join-Path $root 'en-US')' -OutputPath '$reference' -Force | Out-Null
"@
    $ours = Get-HelpDigest (Join-Path $staged 'en-US/RenderbusPS.dll-Help.xml')
    $theirs = Get-HelpDigest (Join-Path $reference 'RenderbusPS.dll-Help.xml')
    $differences = @(Compare-Object @($ours.Keys | Sort-Object) @($theirs.Keys | Sort-Object) |
        ForEach-Object { "page $($_.SideIndicator) $($_.InputObject)" })
    foreach ($name in $ours.Keys) {
        if ($theirs.ContainsKey($name)) {
            $differences += @(Compare-Object $ours[$name] $theirs[$name] |
                ForEach-Object { "$name $($_.SideIndicator) $($_.InputObject)" })
        }
    }
    if ($differences.Count -gt 0) {
        $differences | Out-Host
        throw "The compiled help differs from platyPS's in $($differences.Count) places (<= compiled, => platyPS)."
    }
    Write-Host "The compiled help of $($ours.Count) cmdlets agrees with platyPS $($platyPS.Version)'s." -ForegroundColor Green
}

function Invoke-Package {
    # publishes the staged module to a folder repository (out/repository) with PSResourceGet, the way the Gallery
    # would receive it, and keeps a copy of the package as out/RenderbusPS.<version>.nupkg
    if (-not (Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet)) {
        throw 'Package needs PSResourceGet, which comes with PowerShell 7.4 and later; run build.ps1 with pwsh.'
    }
    Import-Module Microsoft.PowerShell.PSResourceGet
    $repository = Join-Path $out 'repository'
    if (Test-Path $repository) {
        Remove-Item -Path $repository -Recurse -Force
    }
    New-Item -ItemType Directory -Path $repository | Out-Null
    $name = 'RenderbusPS-build-' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try {
        Publish-PSResource -Path $staged -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    $version = (Import-PowerShellDataFile $manifest).ModuleVersion
    $package = Join-Path $out "RenderbusPS.$version.nupkg"
    Copy-Item -Path (Join-Path $repository "RenderbusPS.$version.nupkg") -Destination $package -Force
    Write-Host "Wrote $package (and the folder repository $repository)" -ForegroundColor Green
}

function Invoke-Demo {
    Invoke-Build
    Import-Module $manifest -Force

    Write-Host "`n# Start a local Renderbus and connect to it" -ForegroundColor Cyan
    $emulator = Start-RbEmulator -Seed 1
    Connect-Renderbus -Emulator $emulator
    Get-RbSession | Format-List | Out-Host

    Write-Host "# Who am I, and which clusters are there?" -ForegroundColor Cyan
    Get-RbUser | Format-List UserName, Zone, Balance, Coupon | Out-Host
    Get-RbPlatform | Format-Table | Out-Host

    Write-Host "# The ten newest tasks (one page is fetched, not all 250)" -ForegroundColor Cyan
    Get-RbTask -First 10 | Format-Table | Out-Host

    Write-Host "# What is rendering now, and what a stop would do (-WhatIf sends nothing)" -ForegroundColor Cyan
    $rendering = Get-RbTask -Status Rendering
    "{0} tasks are rendering" -f @($rendering).Count | Out-Host
    $rendering | Select-Object -First 3 | Stop-RbTask -WhatIf

    Write-Host "`n# Stop them through the pipeline (one request per 100 tasks)" -ForegroundColor Cyan
    $rendering | Stop-RbTask -PassThru -Confirm:$false | Format-Table | Out-Host

    Write-Host "# Start three again and let the farm render at 300x real time until they end" -ForegroundColor Cyan
    $emulator.Speed = 300
    $rendering | Select-Object -First 3 | Start-RbTask -PassThru -Confirm:$false |
        Wait-RbTask -PollInterval 1 -Timeout 120 -PassThru | Format-Table | Out-Host
    $emulator.Speed = 1

    Write-Host "# A failure is reported per task: a finished task cannot be stopped" -ForegroundColor Cyan
    Get-RbTask -Status Finished -First 1 | Stop-RbTask -ErrorAction Continue

    Write-Host "`n# Frames of a task with failed frames" -ForegroundColor Cyan
    Get-RbTask -Status FinishedWithFailedFrames -First 1 | Get-RbFrame -First 8 | Format-Table | Out-Host

    Write-Host "# Submit a task: create it, upload its task.json (checked to be JSON first), submit" -ForegroundColor Cyan
    $taskJson = '{"task_info": {"input_cg_file": "D:/max/lobby_sh020_v002.max", "cg_id": "2001", "frames": "1-12[1]", "frames_per_task": "1"}}'
    $new = New-RbTask -Label demo -Confirm:$false | Send-RbTaskFile -Content $taskJson -PassThru | Submit-RbTask -Producer demo -PassThru -Confirm:$false
    $new | Set-RbTask -MachineLimit 4 -Confirm:$false
    $new | Format-Table | Out-Host

    Write-Host "# Let the farm render it at 500x real time, then look at frames, progress, logs and output" -ForegroundColor Cyan
    $emulator.Speed = 500
    $done = $new | Wait-RbTask -PollInterval 1 -Timeout 120 -PassThru
    $emulator.Speed = 1
    $done | Format-List Alias, Status, DoneFrames, FailedFrames, TotalFrames, Cost, StartedAt, CompletedAt | Out-Host
    $done | Get-RbFrame -First 5 | Format-Table | Out-Host
    $done | Get-RbTaskProgress -Grid | Out-Host
    $done | Get-RbFrame -First 1 | Get-RbFrameLog -Tail 5 | Out-Host
    $done | Get-RbOutputFile -Recurse | Measure-Object -Sum Size | Format-List Count, Sum | Out-Host

    Write-Host "# Failed frames of a finished task go again; frame ranges expand the way the farm reads them" -ForegroundColor Cyan
    $failed = Get-RbTask -Status FinishedWithFailedFrames -First 1
    $failed | Get-RbFrame -Status Failed | Restart-RbFrame -PassThru -Confirm:$false | Format-Table | Out-Host
    ConvertFrom-RbFrameRange '1-9[4],20' | Out-Host

    Write-Host "# What the error codes of failed tasks mean" -ForegroundColor Cyan
    Get-RbTask -Status Failed -First 2 | Get-RbErrorDetail | Format-Table | Out-Host

    Write-Host "# Software catalog and a new render environment resolved through it" -ForegroundColor Cyan
    Get-RbSoftware | Format-Table | Out-Host
    New-RbRenderEnv -Name demo-maya2023 -Software Maya -Version 2023 -OS Linux -Plugin redshift -Confirm:$false | Out-Null
    Get-RbRenderEnv -Software Maya | Format-Table | Out-Host

    Write-Host "# Account settings, projects, and the raw API for what is not wrapped yet" -ForegroundColor Cyan
    Get-RbUserSetting | Format-List | Out-Host
    New-RbProject -Name demo_project -Confirm:$false
    Get-RbProject | Format-Table | Out-Host
    Invoke-RbApi -Path /api/render/common/queryPlatforms -Body @{ zone = 1 } | Format-Table | Out-Host

    Write-Host "# Ops: what works between here and the farm, and what the tasks cost by software" -ForegroundColor Cyan
    Test-RbConnection -MinimumBalance 100 | Format-Table | Out-Host
    Get-RbTask | Measure-RbTaskCost -By Software | Format-Table | Out-Host

    Write-Host "# The same account through the older API 2.0 (account name and key in the body)" -ForegroundColor Cyan
    Connect-Renderbus -Emulator $emulator -Protocol Api2
    Get-RbTask -Status Rendering -First 3 | Format-Table | Out-Host

    Write-Host "# API 2.0: a project with a default configuration, then two shots submitted in one call" -ForegroundColor Cyan
    $project = New-RbProject -Name api2demo -RenderOS Linux -Remark 'made by the demo' -Confirm:$false
    New-RbRenderEnv -Project $project -Software 'Maya 2022' -Default -Confirm:$false | Out-Null
    Get-RbProject -Name api2demo | Format-List Name, RenderOS, Remark, Configs | Out-Host
    Submit-RbScene -Project api2demo -Software 'Maya 2022' -Frame 1-20 -Path D/shots/sh010.mb, D/shots/sh020.mb `
        -Confirm:$false | Format-Table | Out-Host

    Write-Host "# API 2.0: a frame's log, priorities, sub-accounts, notifications and a raw action" -ForegroundColor Cyan
    Get-RbTask -Status Rendering -First 1 | Get-RbFrame -First 1 | Get-RbFrameLog -Tail 3 | Out-Host
    Get-RbTask -Status Rendering -First 2 | Set-RbTask -Priority 60 -Confirm:$false -Verbose
    Get-RbUser -All | Format-Table | Out-Host
    Set-RbNotification -Event TaskFailed -Mode Email -Address render-ops@example.com -Confirm:$false
    Invoke-RbApi -Action query_plugin -Body @{ cg_soft_name = 'maya' } | Format-List | Out-Host

    Write-Host "# The same account through the v1 path set (header version 1.0.0, v1 paths and bodies)" -ForegroundColor Cyan
    Connect-Renderbus -Emulator $emulator -PathSet V1
    Get-RbTask -First 3 | Format-Table | Out-Host
    Get-RbSession | Format-List Domain, PathSet | Out-Host

    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Write-Host "Demo finished." -ForegroundColor Green
}

function Invoke-Bench {
    # one table: rows a-e in the .NET harness, rows f-h in PowerShell processes it starts with this same PowerShell and the
    # module staged by Build (tests/RenderbusPS.Benchmarks/README.md); the BenchmarkDotNet micro runs are its --micro switch
    Invoke-Build
    # (under the PowerShell .NET tool, --pwsh names its pwsh.dll, which the harness runs with dotnet)
    $ps = Get-PowerShellCommand
    $pwsh = if ($ps.Prefix.Count -gt 0) { $ps.Prefix[0] } else { $ps.FilePath }
    Invoke-Native dotnet @('run', '-c', 'Release', '--project',
        (Join-Path $root 'tests/RenderbusPS.Benchmarks/RenderbusPS.Benchmarks.csproj'), '--', '--pwsh', $pwsh, '--module', $manifest)
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Docs' { Invoke-Docs }
        'Package' { Invoke-Build; Invoke-Package }
    }
}
