<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks RenderbusPS.

.DESCRIPTION
    Build  compiles the module and stages it in out/RenderbusPS (manifest, assemblies, format file, help).
    Test   runs Build, then `dotnet test RenderbusPS.sln`, then the Pester suite in tests/pester in a fresh
           PowerShell process. Pester and PlatyPS are installed from the PowerShell Gallery when missing.
    Demo   runs Build, then shows the module working against the local emulator.
    Bench  runs the benchmarks in tests/RenderbusPS.Benchmarks.
    Docs   turns the PlatyPS pages in en-US/ into MAML help in the staged module.

    Works in Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    ./build.ps1 -Task Demo

.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Docs')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$staged = Join-Path $root 'out/RenderbusPS'
$manifest = Join-Path $staged 'RenderbusPS.psd1'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath exited with code $LASTEXITCODE."
    }
}

function Install-BuildModule {
    param([string] $Name, [version] $MinimumVersion)
    $available = Get-Module -ListAvailable -Name $Name | Where-Object { $_.Version -ge $MinimumVersion }
    if (-not $available) {
        Write-Host "Installing $Name $MinimumVersion or later from the PowerShell Gallery for the current user."
        # Windows PowerShell 5.1 may still default to TLS 1.0/1.1, which the Gallery refuses
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
        if ((Get-PSRepository -Name PSGallery).InstallationPolicy -ne 'Trusted') {
            Set-PSRepository -Name PSGallery -InstallationPolicy Trusted
        }
        Install-Module -Name $Name -MinimumVersion $MinimumVersion -Scope CurrentUser -Force -SkipPublisherCheck -AllowClobber
    }
}

function Get-PowerShellPath {
    # the same PowerShell that runs this script: pwsh for 7, powershell.exe for 5.1
    (Get-Process -Id $PID).Path
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
    Copy-Item -Path (Join-Path $root 'RenderbusPS.psd1') -Destination $staged

    $help = Join-Path $staged 'en-US'
    New-Item -ItemType Directory -Path $help | Out-Null
    Copy-Item -Path (Join-Path $root 'en-US/about_RenderbusPS.help.txt') -Destination $help
    Invoke-Docs
    Write-Host "Staged the module in $staged" -ForegroundColor Green
}

function Invoke-Docs {
    Install-BuildModule -Name platyPS -MinimumVersion 0.14.2
    Import-Module platyPS -MinimumVersion 0.14.2 -Force
    $help = Join-Path $staged 'en-US'
    if (-not (Test-Path $help)) {
        New-Item -ItemType Directory -Path $help | Out-Null
    }
    New-ExternalHelp -Path (Join-Path $root 'en-US') -OutputPath $help -Force | Out-Null
    Write-Host "Built MAML help in $help"
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native dotnet @('test', (Join-Path $root 'RenderbusPS.sln'), '-c', $Configuration, '--nologo')

    Install-BuildModule -Name Pester -MinimumVersion 5.5.0
    # a fresh process: the module's assemblies are not left loaded in this one
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.5.0
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
if (`$result.FailedCount -gt 0 -or `$result.PassedCount -eq 0) { exit 1 }
exit 0
"@
    # -EncodedCommand keeps the script intact through Windows PowerShell 5.1's native argument quoting; -OutputFormat Text
    # keeps the child's host output readable when this script's own output is redirected (CI)
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
    Invoke-Native (Get-PowerShellPath) @('-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', $encoded)
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
    Invoke-Native dotnet @('run', '-c', 'Release', '--project', (Join-Path $root 'tests/RenderbusPS.Benchmarks/RenderbusPS.Benchmarks.csproj'), '--',
        '--pwsh', (Get-PowerShellPath), '--module', $manifest)
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Docs' { Invoke-Docs }
    }
}
