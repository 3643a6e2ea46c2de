#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Projects, their software configurations and the farm's software on an API 2.0 session, as a user drives them:
# the same objects and error ids as on REST, the same farm as a REST session sees, -WhatIf and bad input sending
# no change, create and add never sent twice, and the key in no output.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 41 -TaskCount 20 -Speed 0 -Confirm:$false
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    $script:rest = Connect-Renderbus -Emulator $script:emulator -PassThru
    $script:api2 = Connect-Renderbus -Emulator $script:emulator -Protocol Api2 -PassThru
    function script:Sent([string] $op) { @($script:emulator.Requests | Where-Object Operation -eq $op).Count }
    function script:LoseNext([string] $op) {
        $fault = [RenderbusPS.Emulator.Faults.RbFault]::new()
        $fault.Operation = $op
        $fault.LoseAnswer = $true
        $null = $script:emulator.Faults.Add($fault)
    }
}

AfterAll {
    Disconnect-Renderbus -Session $script:rest -Confirm:$false
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RbProject on API 2.0' {
    It 'lists the projects a REST session lists, with owner, OS and path' {
        $viaApi2 = @(Get-RbProject -Scope All)
        $viaRest = @(Get-RbProject -Scope All -Session $script:rest)
        $viaApi2.Count | Should -BeGreaterThan 2
        $viaApi2 = @($viaApi2 | Sort-Object ProjectId)
        $viaRest = @($viaRest | Sort-Object ProjectId)
        ($viaApi2.ProjectId -join ',') | Should -Be ($viaRest.ProjectId -join ',')
        ($viaApi2.Name -join ',') | Should -Be ($viaRest.Name -join ',')
        $viaApi2[0] | Should -BeOfType ([RenderbusPS.Core.Models.RbProject])
        $viaApi2 | ForEach-Object { $_.Owner | Should -Not -BeNullOrEmpty; $_.RenderOS | Should -Not -BeNullOrEmpty }
        ($viaApi2 | Format-Table | Out-String -Width 120) | Should -Match 'RenderOS'
    }

    It 'filters by -Owner, and a REST session refuses -Owner before sending' {
        $sub = (@(Get-RbProject -Scope All) | Where-Object Owner -ne $script:emulator.Account |
                Select-Object -First 1).Owner
        $sub | Should -Not -BeNullOrEmpty
        $theirs = @(Get-RbProject -Owner $sub)
        $theirs.Count | Should -BeGreaterThan 0
        $theirs | ForEach-Object { $_.Owner | Should -Be $sub }
        $script:emulator.ClearRequests()
        $err = $null
        Get-RbProject -Owner $sub -Session $script:rest -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'keeps reading through 503s, dropped connections and HTML pages' {
        $expected = @(Get-RbProject -Scope All -Session $script:rest).Count
        $rates = $script:emulator.Faults.Rates
        $rates.Seed = 9
        $rates.Unavailable = 0.2
        $rates.Dropped = 0.1
        $rates.Html = 0.1
        try {
            foreach ($i in 1..5) { @(Get-RbProject -Scope All).Count | Should -Be $expected }
        }
        finally {
            $rates.Clear()
        }
    }
}

Describe 'New-RbProject and Set-RbProject on API 2.0' {
    It 'creates a project with its path, OS, remark and owner, which REST then lists' {
        $sub = (Get-RbProject -Scope All | Where-Object Owner -ne $script:emulator.Account |
                Select-Object -First 1).Owner
        $p = New-RbProject -Name Ep01 -Path D/projects/ep01 -RenderOS Linux -Remark 'first cut' -Owner $sub
        $p.ProjectId | Should -BeGreaterThan 0
        $p.Path | Should -Be 'D/projects/ep01'
        $p.RenderOS | Should -Be 'Linux'
        $p.Remark | Should -Be 'first cut'
        $p.Owner | Should -Be $sub
        (Get-RbProject -Scope All -Session $script:rest).Name | Should -Contain 'Ep01'
    }

    It 'refuses API 2.0 names and REST-only sessions before sending anything' {
        $script:emulator.ClearRequests()
        foreach ($bad in 'has_underscore', 'way-too-long-name-for-api2', 'two words') {
            { New-RbProject -Name Good1, $bad -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidProjectName*'
        }
        { New-RbProject -Name Good1 -Remark ('x' * 257) } | Should -Throw -ErrorId 'Rb.ProjectTextTooLong*' 
        { New-RbProject -Name Good2 -Path D/x -Session $script:rest } | Should -Throw -ErrorId 'Rb.NotInProtocol*'
        New-RbProject -Name Good3 -WhatIf
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'does not send a create again after its answer was lost' {
        $script:emulator.ClearRequests()
        LoseNext 'create_project'
        $err = $null
        New-RbProject -Name Lost1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.OutcomeUnknown*'
        Sent 'create_project' | Should -Be 1
        @(Get-RbProject -Name Lost1).Count | Should -Be 1
    }

    It 'renames and moves a project; -WhatIf and a REST session change nothing' {
        $null = New-RbProject -Name Rename1
        $script:emulator.ClearRequests()
        Set-RbProject -Project Rename1 -NewName Renamed1 -WhatIf
        Sent 'operate_project' | Should -Be 0
        $set = Set-RbProject -Project Rename1 -NewName Renamed1 -Path E/moved -RenderOS Linux -Remark 'moved' -PassThru
        $set.Name | Should -Be 'Renamed1'
        $set.Path | Should -Be 'E/moved'
        $set.RenderOS | Should -Be 'Linux'
        (Get-RbProject -Scope All -Session $script:rest).Name | Should -Contain 'Renamed1'
        $script:emulator.ClearRequests()
        $err = $null
        Set-RbProject -Project Renamed1 -Remark x -Session $script:rest -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $script:emulator.Requests.Count | Should -Be 0
        { Set-RbProject -Project Renamed1 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.NoProjectChange*'
        { Set-RbProject -Project Renamed1 -NewName 'no_underscore' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.InvalidProjectName*'
        $script:emulator.Requests.Count | Should -Be 0
    }

    It 'completes -Project from the API 2.0 session''s projects' {
        $null = New-RbProject -Name Complete1
        $line = 'Set-RbProject -Project Complete'
        (@((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).CompletionText) |
            Should -Be 'Complete1'
    }

    It 'changes piped projects, one error for a project that does not exist' {
        $null = New-RbProject -Name Pipe1, Pipe2
        $err = $null
        $changed = @(@(Get-RbProject -Name Pipe*) + [RenderbusPS.Core.Models.RbProject]::Parse('NoSuchOne') |
                Set-RbProject -Remark 'batch' -PassThru -ErrorVariable err -ErrorAction SilentlyContinue)
        $changed.Count | Should -Be 2
        $changed | ForEach-Object { $_.Remark | Should -Be 'batch' }
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ProjectNotFound*'
    }
}

Describe 'A project''s configurations through the RbRenderEnv cmdlets on API 2.0' {
    BeforeAll {
        $script:project = New-RbProject -Name Shade7
    }

    It 'adds configurations, one default per project, and lists them' {
        $first = $script:project | New-RbRenderEnv -Software Maya -Version 2022 -Plugin 'mtoa 5.3.0', yeti -Default
        $first | Should -BeOfType ([RenderbusPS.Core.Models.RbRenderEnv])
        $first.ConfigId | Should -BeGreaterThan 0
        $first.IsDefault | Should -BeTrue
        $first.SoftwareName | Should -Be 'Maya'
        $first.Version | Should -Be '2022'
        ($first.Plugins.Version -join ',') | Should -Be 'mtoa 5.3.0,yeti 4.1.1'
        $second = New-RbRenderEnv -Project Shade7 -Software 'Houdini 19.5' -Default
        $all = @(Get-RbProject -Name Shade7 | Get-RbRenderEnv)
        $all.Count | Should -Be 2
        @($all | Where-Object IsDefault).ConfigId | Should -Be $second.ConfigId
        ($all | Format-Table | Out-String) | Should -Match "Shade7/$($first.ConfigId)"
        (Get-RbProject -Name Shade7).Configs.Count | Should -Be 2
        (Get-RbProject -Software houdini).Name | Should -Contain 'Shade7'
        (Get-RbProject -Software katana).Name | Should -Not -Contain 'Shade7'
    }

    It 'refuses unknown software, plugins and two versions of one plugin having sent no change' {
        $script:emulator.ClearRequests()
        $cases = @(
            @{ Software = 'Mayo 2022'; Id = 'Rb.UnknownSoftware' },
            @{ Software = 'Maya 1999'; Id = 'Rb.UnknownSoftwareVersion' },
            @{ Software = 'Maya 2022'; Plugin = 'octane 1'; Id = 'Rb.UnknownPlugin' },
            @{ Software = 'Maya 2022'; Plugin = 'mtoa'; Id = 'Rb.AmbiguousPlugin' },
            @{ Software = 'Maya 2022'; Plugin = @('mtoa 5.3.0', 'mtoa 4.2.1'); Id = 'Rb.DuplicatePlugin' }
        )
        foreach ($c in $cases) {
            $err = $null
            $plugin = if ($c.Plugin) { $c.Plugin } else { @() }
            New-RbRenderEnv -Project Shade7 -Software $c.Software -Plugin $plugin -ErrorVariable err `
                -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike "$($c.Id)*"
        }
        $err = $null
        Remove-RbRenderEnv -Project Shade7 -ConfigId 424242 -Confirm:$false -ErrorVariable err `
            -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.RenderEnvNotFound*'
        Sent 'operate_project' | Should -Be 0
    }

    It 'changes a piped configuration and makes it the default' {
        $maya = Get-RbRenderEnv -Project Shade7 | Where-Object SoftwareName -eq Maya
        $script:emulator.ClearRequests()
        $maya | Set-RbRenderEnv -Plugin redshift -Default -WhatIf
        $err = $null
        $maya | Set-RbRenderEnv -PluginId 1100 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        Sent 'operate_project' | Should -Be 0
        $set = $maya | Set-RbRenderEnv -Plugin redshift -Default -PassThru
        ($set.Plugins.Version -join ',') | Should -Be 'redshift 3.5.16'
        $set.IsDefault | Should -BeTrue
        @(Get-RbRenderEnv -Project Shade7 | Where-Object IsDefault).Count | Should -Be 1
        $moved = Set-RbRenderEnv -Project Shade7 -ConfigId $maya.ConfigId -Version 2023 -PassThru
        $moved.Version | Should -Be '2023'
        ($moved.Plugins.Version -join ',') | Should -Be 'redshift 3.5.16'
    }

    It 'does not add a configuration again after its answer was lost' {
        $before = @(Get-RbRenderEnv -Project Shade7).Count
        $script:emulator.ClearRequests()
        LoseNext 'operate_project'
        $err = $null
        New-RbRenderEnv -Project Shade7 -Software 'Blender 4.2' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.OutcomeUnknown*'
        Sent 'operate_project' | Should -Be 1
        @(Get-RbRenderEnv -Project Shade7).Count | Should -Be ($before + 1)
    }

    It 'deletes one configuration by id and every one only with -All' {
        $all = @(Get-RbRenderEnv -Project Shade7)
        $all.Count | Should -BeGreaterThan 2
        Remove-RbRenderEnv -Project Shade7 -ConfigId $all[0].ConfigId -Confirm:$false
        @(Get-RbRenderEnv -Project Shade7).Count | Should -Be ($all.Count - 1)
        $script:emulator.ClearRequests()
        Get-RbProject -Name Shade7 | Remove-RbRenderEnv -All -WhatIf
        Sent 'operate_project' | Should -Be 0
        @(Get-RbRenderEnv -Project Shade7).Count | Should -Be ($all.Count - 1)
        Get-RbProject -Name Shade7 | Remove-RbRenderEnv -All -Confirm:$false
        @(Get-RbRenderEnv -Project Shade7).Count | Should -Be 0
        Sent 'operate_project' | Should -Be 1
    }

    It 'deletes piped configurations by their id' {
        $null = New-RbRenderEnv -Project Shade7 -Software 'Maya 2020'
        $null = New-RbRenderEnv -Project Shade7 -Software 'Maya 2024'
        Get-RbRenderEnv -Project Shade7 | Where-Object Version -eq 2020 | Remove-RbRenderEnv -Confirm:$false
        (Get-RbRenderEnv -Project Shade7).Version | Should -Be '2024'
    }

    It 'refuses -Project on a REST session, sending nothing' {
        $script:emulator.ClearRequests()
        $err = $null
        Get-RbRenderEnv -Project Shade7 -Session $script:rest -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NotInProtocol*'
        $script:emulator.Requests.Count | Should -Be 0
    }
}

Describe 'Get-RbSoftware and Get-RbPlugin on API 2.0' {
    It 'list the software and plugin versions REST lists, without ids' {
        (@(Get-RbSoftware).Name | Sort-Object) -join ',' |
            Should -Be ((@(Get-RbSoftware -Session $script:rest).Name | Sort-Object) -join ',')
        $versions = @(Get-RbSoftware -Name Maya -ListVersion)
        $restVersions = @(Get-RbSoftware -Name Maya -ListVersion -Session $script:rest)
        ($versions.Version -join ',') | Should -Be ($restVersions.Version -join ',')
        $plugins = @(Get-RbPlugin -Software Maya -Name mtoa)
        $restPlugins = @(Get-RbPlugin -Software Maya -Name mtoa -Session $script:rest)
        ($plugins.Version -join ',') | Should -Be ($restPlugins.Version -join ',')
        $plugins | ForEach-Object { $_.PluginId | Should -Be 0 }
        $script:emulator.ClearRequests()
        $null = Get-RbPlugin -Software Houdini
        Sent 'query_plugin' | Should -BeGreaterThan 0
        $script:emulator.Requests.Count | Should -Be (Sent 'query_plugin')
    }
}

Describe 'The access key on API 2.0 project calls' {
    It 'is in no output, error, verbose or debug text, nor the request log' {
        $DebugPreference = 'Continue'
        $out = & {
            Get-RbProject -Scope All -Verbose
            New-RbProject -Name Leak1 -Remark 'x' -Verbose
            Set-RbProject -Project Leak1 -Remark 'y' -PassThru -Verbose
            New-RbRenderEnv -Project Leak1 -Software 'Maya 2022' -Verbose
            Get-RbRenderEnv -Project Leak1 | Format-List *
            Remove-RbRenderEnv -Project Leak1 -All -Confirm:$false -Verbose
            try { New-RbProject -Name 'bad-name' } catch { $_ }
            Get-RbPlugin -Software Maya -Verbose | Select-Object -First 2
        } 5>&1 4>&1 3>&1 2>&1 | Out-String
        $DebugPreference = 'SilentlyContinue'
        $out | Should -Match 'operate_project'
        $out | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        ($script:emulator.Requests | Format-List * | Out-String) |
            Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        (Get-RbProject -Name Leak1 | ConvertTo-Json -Depth 4) |
            Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
    }
}
