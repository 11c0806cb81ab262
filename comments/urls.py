from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:page_id>/", views.post_comment, name="post"),
    path("bekrafta/<str:token>/", views.confirm_address, name="confirm"),
]
