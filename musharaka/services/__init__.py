"""The write side: every save from a screen or the command line goes through here.

    edit            one record from a form: the load's validation, rights, version, audit
    uploads         files dropped on the upload page: dry run, then the load on confirmation
    field_reports   an association's report from the field, and its approval or rejection
    users           user administration (the admin page and `python -m musharaka users`)
    open_data       the public export's files, built by the file pipeline

Only this package of musharaka/ calls into etl/ (its load, plan and export); etl/ imports
nothing from here nor from the screens.
"""
