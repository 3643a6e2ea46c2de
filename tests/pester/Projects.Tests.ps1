#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Projects, plugins and render environments as a user drives them against the local emulator.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 11 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator
    function script:Sent([string] $op) { @($emulator.Requests | Where-Object Operation -eq $op).Count }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RbProject' {
    It 'lists own projects by default and more with a wider scope' {
        $own = @(Get-RbProject)
        $own.Count | Should -BeGreaterThan 0
        $own[0] | Should -BeOfType ([RenderbusPS.Core.Models.RbProject])
        $taskProjects = @(Get-RbTask | Where-Object ProjectName | Select-Object -ExpandProperty ProjectName -Unique)
        ($own.Name | Sort-Object) | Should -Be ($taskProjects | Sort-Object -Unique)
        @(Get-RbProject -Scope WithMainAccount).Count | Should -Be ($own.Count + 2)
        @(Get-RbProject -Scope All).Name | Should -Contain 'sibling_commercial'
    }

    It 'filters by name and reports a name that matches nothing' {
        (Get-RbProject -Name 'feature*').Name | Should -Be 'feature_ep01'
        Get-RbProject -Name nosuchproject -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ProjectNotFound*'
    }
}

Describe 'New-RbProject and Remove-RbProject' {
    It 'sends nothing with -WhatIf' {
        $before = Sent 'addProject'
        New-RbProject -Name pester_whatif -WhatIf
        Sent 'addProject' | Should -Be $before
        Get-RbProject -Name pester_whatif -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'creates projects and writes them' {
        $created = New-RbProject -Name pester_a, pester_b -Confirm:$false
        $created.Name | Should -Be @('pester_a', 'pester_b')
        $created[0].ProjectId | Should -BeGreaterThan 0
        (Get-RbProject -Name 'pester_*').Count | Should -Be 2
    }

    It 'reports a duplicate per name and refuses a blank name before sending' {
        New-RbProject -Name PESTER_A, pester_c -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Name | Should -Be 'pester_c'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ParameterInvalid*'
        $errs[0].TargetObject | Should -Be 'PESTER_A'
        $before = Sent 'addProject'
        { New-RbProject -Name ' ' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidProjectName*'
        Sent 'addProject' | Should -Be $before
    }

    It 'deletes piped projects by name, and -WhatIf sends nothing' {
        $before = Sent 'deleteProject'
        Get-RbProject -Name 'pester_*' | Remove-RbProject -WhatIf
        Sent 'deleteProject' | Should -Be $before
        Get-RbProject -Name 'pester_*' | Remove-RbProject -Confirm:$false
        Sent 'deleteProject' | Should -Be ($before + 3)
        Get-RbProject -Name 'pester_*' | Should -BeNullOrEmpty
    }

    It 'reports unknown and foreign projects per name' {
        Remove-RbProject -Name nosuch, studio_rnd -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ResourceNotFound*'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'Rb.InsufficientPermissions*'
    }

    It 'does not bind a render environment piped to it' {
        { Get-RbRenderEnv -Name maya2022-arnold | Remove-RbProject -Confirm:$false -ErrorAction Stop } | Should -Throw
        Get-RbRenderEnv -Name maya2022-arnold | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-RbPlugin' {
    It 'lists plugin versions with their software version' {
        $plugins = Get-RbPlugin -Software Maya -OS Linux -Version 2022 -Name mtoa
        $plugins.Version | Should -Contain 'mtoa 5.3.0'
        $plugins | ForEach-Object { $_.SoftwareVersion | Should -Be '2022'; $_.OS | Should -Be 'Linux' }
    }

    It 'takes the software from a piped environment' {
        (Get-RbRenderEnv -Name houdini-linux | Get-RbPlugin -Name redshift).SoftwareName | Select-Object -Unique | Should -Be 'Houdini'
    }

    It 'refuses Linux for a Windows-only software' {
        { Get-RbPlugin -Software '3ds Max' -OS Linux -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.UnsupportedOS*'
    }
}

Describe 'Set-RbRenderEnv and Remove-RbRenderEnv' {
    It 'sends nothing with -WhatIf' {
        $before = Sent 'editUserPluginConfig'
        Set-RbRenderEnv -Name maya2022-arnold -Version 2023 -WhatIf
        Sent 'editUserPluginConfig' | Should -Be $before
        (Get-RbRenderEnv -Name maya2022-arnold).Version | Should -Be '2022'
    }

    It 'changes the version, keeps the plugins and writes the result with -PassThru' {
        $env = Set-RbRenderEnv -Name maya2022-arnold -Version 2023 -PassThru -Confirm:$false
        $env.Version | Should -Be '2023'
        $env.Plugins.Version | Should -Be 'mtoa 5.3.0'
        Set-RbRenderEnv -Name maya2022-arnold -Version 2024 -Confirm:$false | Should -BeNullOrEmpty
    }

    It 'makes a piped environment the default' {
        New-RbRenderEnv -Name pester-maya -Software Maya -Version 2023 -Confirm:$false | Select-Object -ExpandProperty IsDefault | Should -BeFalse
        Get-RbRenderEnv -Name pester-maya | Set-RbRenderEnv -Default -Confirm:$false
        (Get-RbRenderEnv -Software Maya -OS Windows | Where-Object IsDefault).Name | Should -Be 'pester-maya'
    }

    It 'refuses an edit with nothing to change and an unknown version' {
        { Set-RbRenderEnv -Name pester-maya -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.NoRenderEnvChange*'
        { Set-RbRenderEnv -Name pester-maya -Version 1999 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.UnknownSoftwareVersion*'
    }

    It 'deletes piped environments, refusing the default while it has siblings' {
        $before = Sent 'deleteUserPluginConfig'
        Get-RbRenderEnv -Software Maya | Remove-RbRenderEnv -WhatIf
        Sent 'deleteUserPluginConfig' | Should -Be $before
        Get-RbRenderEnv -Software Maya -OS Windows | Sort-Object IsDefault -Descending | Remove-RbRenderEnv -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ParameterInvalid*'
        $errs[0].TargetObject | Should -Be 'pester-maya'
        (Get-RbRenderEnv -Software Maya -OS Windows).Name | Should -Be 'pester-maya'
        Remove-RbRenderEnv -Name pester-maya -Confirm:$false
        Get-RbRenderEnv -Software Maya -OS Windows | Should -BeNullOrEmpty
        Remove-RbRenderEnv -Name pester-maya -Confirm:$false -ErrorVariable gone -ErrorAction SilentlyContinue
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ResourceNotFound*'
    }
}
